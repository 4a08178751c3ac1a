package io.cutover.cli;

import io.cutover.app.Workspace;
import io.cutover.http.Role;
import io.cutover.http.Server;
import io.cutover.http.ServerSettings;
import io.cutover.http.SessionLimits;
import io.cutover.http.Tokens;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description =
                "The control room: a JSON API (described at /openapi.json) and a live dashboard for the workspace's migration. Runs until stopped.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Mixin
    RunOptions runOptions;

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "8080",
            description = "Port to listen on, 0 to 65535; 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--bind",
            paramLabel = "ADDR",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @Option(
            names = "--tokens",
            paramLabel = "FILE",
            description =
                    "Token file, lines of NAME ROLE TOKEN (roles operator, viewer); created with one of each, mode 0600, when missing (default: <workspace>/tokens).")
    Path tokens;

    @Option(
            names = "--refresh-ms",
            paramLabel = "MS",
            defaultValue = "500",
            description =
                    "How often the live view is recomputed from the journal, 50 to 60000 ms (default: ${DEFAULT-VALUE}).")
    long refreshMillis;

    @Option(
            names = "--session-idle-minutes",
            paramLabel = "MIN",
            defaultValue = "30",
            description =
                    "A signed-in session ends after this many minutes without a request, 1 to 1440 (default: ${DEFAULT-VALUE}).")
    long sessionIdleMinutes;

    @Option(
            names = "--session-lifetime-hours",
            paramLabel = "H",
            defaultValue = "12",
            description =
                    "A signed-in session ends this many hours after sign-in however busy, 1 to 168 (default: ${DEFAULT-VALUE}).")
    long sessionLifetimeHours;

    @Option(
            names = "--sessions-per-token",
            paramLabel = "N",
            defaultValue = "10",
            description =
                    "Sessions one token may hold at once, 1 to 1000; signing in once more ends its oldest (default: ${DEFAULT-VALUE}).")
    long sessionsPerToken;

    @Option(
            names = "--sign-ins-per-minute",
            paramLabel = "N",
            defaultValue = "20",
            description =
                    "Sign-in attempts one client address may make per minute, 1 to 10000; more get HTTP 429 (default: ${DEFAULT-VALUE}).")
    long signInsPerMinute;

    @Override
    public Integer call() throws InterruptedException {
        new OptionRange("--port", 0, 65_535).check(port);
        new OptionRange("--refresh-ms", 50, 60_000).check(refreshMillis);
        SessionLimits limits = new SessionLimits(
                Duration.ofMinutes(new OptionRange("--session-idle-minutes", 1, 1440).check(sessionIdleMinutes)),
                Duration.ofHours(new OptionRange("--session-lifetime-hours", 1, 168).check(sessionLifetimeHours)),
                (int) new OptionRange("--sessions-per-token", 1, 1000).check(sessionsPerToken),
                (int) new OptionRange("--sign-ins-per-minute", 1, 10_000).check(signInsPerMinute));
        io.cutover.run.RunSettings runSettings = runOptions.settings(null);
        Workspace workspace = common.workspace();
        Path tokenFile = tokens == null ? ServerSettings.defaultTokens(workspace) : tokens;
        ServerSettings settings = new ServerSettings(
                workspace, bind, port, tokenFile, Duration.ofMillis(refreshMillis), runSettings, limits);
        Server server = Server.start(settings, Clock.systemUTC());
        var w = spec.commandLine().getOut();
        w.println("cutover control room on " + server.url() + " for " + workspace.dir());
        w.println("tokens in " + tokenFile + " (operators: " + String.join(", ", tokensNames(tokenFile, Role.OPERATOR))
                + "; viewers: " + String.join(", ", tokensNames(tokenFile, Role.VIEWER)) + "); stop with Ctrl-C");
        w.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "cutover-serve-stop"));
        stopped.await();
        return 0;
    }

    private static java.util.List<String> tokensNames(Path file, Role role) {
        return Tokens.loadOrCreate(file, new java.security.SecureRandom()).namesOf(role);
    }
}
