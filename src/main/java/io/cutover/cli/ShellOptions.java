package io.cutover.cli;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.app.Target;
import io.cutover.inventory.Fqdn;
import io.cutover.shell.SessionSpec;
import io.cutover.shell.ShellSettings;
import io.cutover.shell.TestAccounts;
import io.cutover.shell.TestAccountsFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
            names = "--shell-session",
            paramLabel = "NAME=CMD",
            description =
                    "With --deployment shell, repeatable: a named shell to spread work over, e.g. fe1=\"pwsh -File remote-fe1.ps1\" (a remoting wrapper per Front End). Without it: one session of --shell-command.")
    List<String> sessions = new ArrayList<>();

    @Option(
            names = "--shell-concurrency",
            paramLabel = "NAME=N",
            description = "With --shell-session, repeatable: run N sessions of NAME at once, 1 to 64 (default 1).")
    Map<String, Integer> concurrency = new LinkedHashMap<>();

    @Option(
            names = "--shell-pools",
            paramLabel = "NAME=FQDN[,FQDN]",
            description =
                    "With --shell-session, repeatable: the pools whose moves and pool operations NAME may carry (default: any pool; reads go to any session).")
    Map<String, String> pools = new LinkedHashMap<>();

    @Option(
            names = "--shell-mode",
            paramLabel = "MODE",
            defaultValue = "session",
            description =
                    "With --deployment shell: session (each shell started once and sent framed scripts, default) or script (a new process for every script).")
    String mode;

    @Option(
            names = "--shell-user-data",
            paramLabel = "DIR",
            description =
                    "With --deployment shell: a folder both the shell and cutover reach, where Export-CsUserData writes each user's data before a move, so that contacts and meetings are verified after it and restored after a rollback. Without it they are not verified.")
    java.nio.file.Path userData;

    @Option(
            names = "--shell-test-accounts",
            paramLabel = "FILE",
            description =
                    "With --deployment shell: a YAML file giving pools without a health-monitoring configuration two test accounts each (SIP address and a credential file stored once with Get-Credential | Export-Clixml), which synthetic transactions on those pools run as. The session reads the files; no password passes through cutover.")
    java.nio.file.Path testAccounts;

    /** The deployment to act on; checks every shell option first, whichever the deployment. */
    Target target() {
        ShellSettings shell = ShellSettings.parse(
                        command, timeout, (int) new OptionRange("--shell-batch", 1, 10_000).check(batch), encoding)
                .withSessions(sessions())
                .withMode(mode())
                .withUserData(userData)
                .withTestAccounts(testAccounts == null ? TestAccounts.NONE : TestAccountsFile.read(testAccounts));
        String kind = deployment.trim().toLowerCase(java.util.Locale.ROOT);
        if (kind.equals("lab")) {
            return Target.lab();
        }
        if (kind.equals("shell")) {
            return Target.shell(shell);
        }
        throw new CutoverException(ErrorCode.BAD_INPUT, "--deployment '" + deployment + "': expected lab or shell");
    }

    private List<SessionSpec> sessions() {
        List<SessionSpec> specs = new ArrayList<>();
        for (String option : sessions) {
            SessionSpec s = SessionSpec.parse(option, 1);
            Integer n = concurrency.get(s.name());
            if (n != null) {
                s = s.withConcurrency((int) new OptionRange("--shell-concurrency", 1, 64).check(n));
            }
            String serving = pools.get(s.name());
            if (serving != null) {
                s = s.withPools(Arrays.stream(serving.split(","))
                        .map(String::trim)
                        .filter(x -> !x.isEmpty())
                        .map(Fqdn::of)
                        .collect(Collectors.toSet()));
            }
            specs.add(s);
        }
        Set<String> names = specs.stream().map(SessionSpec::name).collect(Collectors.toSet());
        for (String name : union(concurrency.keySet(), pools.keySet())) {
            if (!names.contains(name)) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        "--shell-concurrency/--shell-pools name a session '" + name
                                + "' that no --shell-session gives");
            }
        }
        return specs;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    private ShellSettings.Mode mode() {
        return switch (mode.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "session" -> ShellSettings.Mode.SESSION;
            case "script" -> ShellSettings.Mode.SCRIPT;
            default ->
                throw new CutoverException(
                        ErrorCode.BAD_INPUT, "--shell-mode '" + mode + "': expected session or script");
        };
    }
}
