package io.cutover.cli;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.app.Target;
import io.cutover.shell.ShellSettings;
import picocli.CommandLine.Option;

/** Which deployment to act on, and how to reach the Management Shell. */
final class ShellOptions {
    @Option(
            names = "--deployment",
            paramLabel = "KIND",
            defaultValue = "lab",
            description =
                    "lab (the workspace's emulated deployment, default) or shell (a real deployment through the Skype for Business Server Management Shell).")
    String deployment;

    @Option(
            names = "--shell-command",
            paramLabel = "CMD",
            defaultValue = ShellSettings.DEFAULT_COMMAND,
            description =
                    "With --deployment shell: the program that reads a script on standard input and runs it (default: ${DEFAULT-VALUE}); e.g. a remoting wrapper.")
    String command;

    @Option(
            names = "--shell-timeout",
            paramLabel = "TIME",
            defaultValue = "120s",
            description =
                    "With --deployment shell: kill a script (and what it started) that runs longer than this, 1s to 24h, and retry (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(
            names = "--shell-batch",
            paramLabel = "N",
            defaultValue = "100",
            description =
                    "With --deployment shell: at most N operations share one script, 1 to 10000 (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--shell-encoding",
            paramLabel = "ENC",
            defaultValue = "ascii",
            description =
                    "With --deployment shell: ascii (non-ASCII as [char] codes; safe for powershell.exe, default) or utf8.")
    String encoding;

    @Option(
            names = "--shell-user-data",
            paramLabel = "DIR",
            description =
                    "With --deployment shell: a folder both the shell and cutover reach, where Export-CsUserData writes each user's data before a move, so that contacts and meetings are verified after it and restored after a rollback. Without it they are not verified.")
    java.nio.file.Path userData;

    /** The deployment to act on; checks every shell option first, whichever the deployment. */
    Target target() {
        ShellSettings shell = ShellSettings.parse(
                        command, timeout, (int) new OptionRange("--shell-batch", 1, 10_000).check(batch), encoding)
                .withUserData(userData);
        String kind = deployment.trim().toLowerCase(java.util.Locale.ROOT);
        if (kind.equals("lab")) {
            return Target.lab();
        }
        if (kind.equals("shell")) {
            return Target.shell(shell);
        }
        throw new CutoverException(ErrorCode.BAD_INPUT, "--deployment '" + deployment + "': expected lab or shell");
    }
}
