/**
 * The Skype for Business Server Management Shell driver: a {@link io.cutover.deployment.Deployment}
 * that runs generated PowerShell in long-lived sessions of one or more configured commands (framed
 * requests and answers, see {@link io.cutover.shell.SessionFrames}) and reads JSON back, and the
 * reviewable runbooks an admin runs by hand instead. Every value put into a script goes through
 * {@link io.cutover.shell.PowerShell}, so no identity can change what a script does.
 */
package io.cutover.shell;
