/**
 * The command line: one picocli command class per verb, each a thin adapter over the {@link
 * io.cutover.app.Cutover} facade. Text for people on stdout; {@code --json} prints the facade's
 * result records instead.
 */
package io.cutover.cli;
