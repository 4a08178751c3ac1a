package io.cutover.cli;

import io.cutover.app.Serving;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Start a lab in memory from a scenario (default: the bundled example) with its pools serving SIP on 127.0.0.1, "
                    + "and keep it running until interrupted, so that any SIP client can take part.",
            "With --json, prints one line per listening pool ({\"pool\", \"role\", \"version\", \"sip\", \"transports\"}, Edges twice "
                    + "with \"side\"), one per federated partner proxy, one per test user with its home pool, then {\"ready\": true}."
        })
final class LabServeCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Parameters(
            arity = "0..1",
            paramLabel = "SCENARIO",
            description = "A scenario file (default: examples/contoso/scenario.yaml).")
    Path scenario;

    @Option(
            names = "--users",
            paramLabel = "N",
            defaultValue = "2",
            description = "Users listed per pool, 0 to 10000 (default: ${DEFAULT-VALUE}).")
    int users;

    @Override
    public Integer call() throws InterruptedException {
        int listed = (int) new OptionRange("--users", 0, 10_000).check(users);
        Serving serving = common.facade().serve(scenario, listed);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    serving.close();
                    stopped.countDown();
                },
                "lab-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter w = spec.commandLine().getOut();
        if (common.json) {
            serving.pools().forEach(p -> Printer.jsonLine(w, p));
            serving.partners().forEach(p -> Printer.jsonLine(w, p));
            serving.users().forEach(u -> Printer.jsonLine(w, u));
            Printer.jsonLine(w, Map.of("ready", true));
        } else {
            serving.pools()
                    .forEach(p -> w.printf(
                            "%-32s %-10s %-32s sip %s (udp, tcp)%s%n",
                            p.pool(), p.role(), p.version(), p.sip(), p.side() == null ? "" : " " + p.side()));
            serving.partners()
                    .forEach(p ->
                            w.printf("%-32s %-10s %-32s sip %s (udp, tcp)%n", p.partner(), "partner", "", p.sip()));
            serving.users().forEach(u -> w.printf("user %s on %s%n", u.user(), u.pool()));
            w.println("ready; interrupt (Ctrl-C) to stop");
            w.flush();
        }
        stopped.await();
        return 0;
    }
}
