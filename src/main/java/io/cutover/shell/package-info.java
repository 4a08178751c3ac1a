/**
 * The Skype for Business Server Management Shell driver: a {@link io.cutover.deployment.Deployment}
 * that runs generated PowerShell in long-lived sessions of one or more configured commands (framed
 * requests and answers, see {@link io.cutover.shell.SessionFrames}) and reads JSON back, and the
 * reviewable runbooks an admin runs by hand instead. Every value put into a script goes through
 * {@link io.cutover.shell.PowerShell}, so no identity can change what a script does. Synthetic
 * transactions run as each pool's health-monitoring test users or, where a pool has none, as test
 * accounts whose stored credential files the session reads ({@link io.cutover.shell.TestAccounts}):
 * no password passes through cutover.
 */
package io.cutover.shell;
