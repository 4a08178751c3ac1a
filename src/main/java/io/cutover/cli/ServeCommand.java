package io.cutover.cli;

import io.cutover.app.Workspace;
import io.cutover.http.Role;
import io.cutover.http.Server;
import io.cutover.http.ServerSettings;
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

    @Override
    public Integer call() throws InterruptedException {
        new OptionRange("--port", 0, 65_535).check(port);
        new OptionRange("--refresh-ms", 50, 60_000).check(refreshMillis);
        io.cutover.run.RunSettings runSettings = runOptions.settings(null);
        Workspace workspace = common.workspace();
        Path tokenFile = tokens == null ? ServerSettings.defaultTokens(workspace) : tokens;
        ServerSettings settings =
                new ServerSettings(workspace, bind, port, tokenFile, Duration.ofMillis(refreshMillis), runSettings);
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
