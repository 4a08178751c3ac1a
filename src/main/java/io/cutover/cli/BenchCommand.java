package io.cutover.cli;

import io.cutover.bench.Benchmarks;
import io.cutover.bench.Figure;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Measure planning time, journaled move throughput, concurrent move efficiency and the coexistence matrix over SIP; prints medians. Run with -Xmx512m for the heap figure.")
final class BenchCommand implements Callable<Integer> {
    enum Which {
        plan,
        moves,
        concurrency,
        assess,
        matrix,
        api,
        shell,
        journal,
        instances,
        sites,
        all
    }

    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Mixin
    SharedBenchOptions shared;

    @Parameters(
            index = "0",
            arity = "0..1",
            defaultValue = "all",
            paramLabel = "WHICH",
            description =
                    "plan, moves, concurrency, assess, matrix, api, shell, journal, instances, sites or all (default: ${DEFAULT-VALUE};"
                            + " all leaves out api, shell, journal, instances and sites, which take minutes or a --store).")
    Which which;

    @Option(
            names = "--reps",
            defaultValue = "5",
            description = "Repetitions per figure, 1 to 1000 (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(
            names = "--plan-users",
            defaultValue = "100000",
            description = "Users in the planning benchmark, 1 to 10000000 (default: ${DEFAULT-VALUE}).")
    int planUsers;

    @Option(
            names = "--move-users",
            defaultValue = "20000",
            description = "Users in the throughput benchmark, 1 to 10000000 (default: ${DEFAULT-VALUE}).")
    int moveUsers;

    @Option(
            names = "--move-concurrency",
            defaultValue = "8",
            description = "Concurrency of the throughput benchmark, 1 to 512 (default: ${DEFAULT-VALUE}).")
    int moveConcurrency;

    @Option(
            names = "--latency-users",
            defaultValue = "10000",
            description = "Users in the latency benchmark, 1 to 10000000 (default: ${DEFAULT-VALUE}).")
    int latencyUsers;

    @Option(
            names = "--latency-ms",
            defaultValue = "50",
            description = "Latency per move in the latency benchmark, 0 to 60000 (default: ${DEFAULT-VALUE}).")
    long latencyMillis;

    @Option(
            names = "--latency-reps",
            defaultValue = "3",
            description = "Repetitions of the latency benchmark, 1 to 1000 (default: ${DEFAULT-VALUE}).")
    int latencyReps;

    @Option(
            names = "--sequential-users",
            defaultValue = "200",
            description =
                    "Users moved one at a time for the sequential figure, 1 to 1000000 (default: ${DEFAULT-VALUE}).")
    int sequentialUsers;

    @Option(
            names = "--assess-users",
            defaultValue = "200000",
            description = "Users in the assessment benchmark's folder, 1 to 10000000 (default: ${DEFAULT-VALUE}).")
    int assessUsers;

    @Option(
            names = "--assess-objects",
            defaultValue = "20000",
            description = "Objects in the assessment benchmark's folder, 0 to 10000000 (default: ${DEFAULT-VALUE}).")
    int assessObjects;

    @Option(
            names = "--assess-folder",
            paramLabel = "DIR",
            description = "Write the assessment benchmark's folder here and keep it (default: a temporary directory).")
    java.nio.file.Path assessFolder;

    @Option(
            names = "--matrix-concurrency",
            defaultValue = "32",
            description = "Probes at a time in the matrix benchmark, 1 to 512 (default: ${DEFAULT-VALUE}).")
    int matrixConcurrency;

    @Option(
            names = "--sustain-seconds",
            defaultValue = "10",
            description = "How long each sustained-probe sample runs, 1 to 3600 (default: ${DEFAULT-VALUE}).")
    int sustainSeconds;

    @Option(
            names = "--api-users",
            defaultValue = "100000",
            description =
                    "Users in the lab migration the API benchmark runs, 100 to 10000000 (default: ${DEFAULT-VALUE}).")
    int apiUsers;

    @Option(
            names = "--api-clients",
            defaultValue = "4",
            description = "Clients requesting status and overview at once, 1 to 256 (default: ${DEFAULT-VALUE}).")
    int apiClients;

    @Option(
            names = "--api-move-ms",
            defaultValue = "2",
            description = "Latency of each lab move during the API benchmark, 0 to 60000 (default: ${DEFAULT-VALUE}).")
    long apiMoveMillis;

    @Option(
            names = "--api-reps",
            defaultValue = "3",
            description =
                    "Repetitions of the API benchmark, each a fresh migration, 1 to 1000 (default: ${DEFAULT-VALUE}).")
    int apiReps;

    @Option(
            names = "--shell-users",
            defaultValue = "2000",
            description = "Users moved in the shell benchmark, 1 to 1000000 (default: ${DEFAULT-VALUE}).")
    int shellUsers;

    @Option(
            names = "--shell-sessions",
            defaultValue = "4",
            description = "Shells side by side in the shell benchmark, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int shellSessions;

    @Option(
            names = "--shell-callers",
            defaultValue = "24",
            description =
                    "Moves in flight at once in the shell benchmark, as --concurrency of a run, 1 to 512 (default: ${DEFAULT-VALUE}).")
    int shellCallers;

    @Option(
            names = "--shell-start-ms",
            defaultValue = "5000",
            description = "The stand-in shell's start-up time, 0 to 600000 (default: ${DEFAULT-VALUE}).")
    long shellStartMillis;

    @Option(
            names = "--shell-move-ms",
            defaultValue = "400",
            description = "The stand-in shell's time per Move-CsUser, 0 to 60000 (default: ${DEFAULT-VALUE}).")
    long shellMoveMillis;

    @Option(
            names = "--shell-reps",
            defaultValue = "3",
            description = "Repetitions of each shell figure, 1 to 100 (default: ${DEFAULT-VALUE}).")
    int shellReps;

    @Option(
            names = "--shell-no-compare",
            description =
                    "Leave out the figure of one process per script, measured the same way (it takes about 5 times as long).")
    boolean shellNoCompare;

    @Override
    public Integer call() {
        checkRanges();
        PrintWriter w = spec.commandLine().getOut();
        List<Figure> figures = new ArrayList<>();
        if (which == Which.plan || which == Which.all) {
            add(w, figures, Benchmarks.plan(5, planUsers, reps));
        }
        if (which == Which.moves || which == Which.all) {
            add(w, figures, Benchmarks.moves(moveUsers, moveConcurrency, reps));
        }
        if (which == Which.concurrency || which == Which.all) {
            Benchmarks.concurrency(latencyUsers, latencyMillis, 24, sequentialUsers, latencyReps)
                    .forEach(f -> add(w, figures, f));
        }
        if (which == Which.assess || which == Which.all) {
            add(w, figures, Benchmarks.assess(assessUsers, assessObjects, reps, assessFolder));
        }
        if (which == Which.matrix || which == Which.all) {
            Benchmarks.matrix(5, matrixConcurrency, reps, sustainSeconds).forEach(f -> add(w, figures, f));
        }
        if (which == Which.api) {
            io.cutover.bench.ApiLatency.run(apiUsers, 5, apiClients, apiMoveMillis, 24, apiReps)
                    .forEach(f -> add(w, figures, f));
        }
        if (which == Which.shell) {
            io.cutover.bench.ShellBench.run(
                    new io.cutover.bench.ShellBench.Options(
                            shellUsers, shellSessions, shellCallers, 100, shellStartMillis, shellMoveMillis),
                    shellReps,
                    !shellNoCompare,
                    f -> add(w, figures, f));
        }
        sharedBenchmarks(w, figures);
        if (common.json) {
            Printer.json(w, figures);
        }
        w.flush();
        return 0;
    }

    private void sharedBenchmarks(PrintWriter w, List<Figure> figures) {
        SharedBenchOptions o = shared;
        if (which == Which.journal) {
            add(
                    w,
                    figures,
                    io.cutover.bench.SharedBench.moves(
                            SharedBenchOptions.store(common), moveUsers, moveConcurrency, reps));
        }
        if (which == Which.instances) {
            add(
                    w,
                    figures,
                    io.cutover.bench.SharedBench.instances(
                            SharedBenchOptions.store(common),
                            o.instances,
                            o.instanceConcurrency,
                            o.instanceUsers,
                            o.instanceMillis,
                            o.slice,
                            o.reps));
        }
        if (which == Which.sites) {
            io.cutover.bench.SharedBench.sites(
                            SharedBenchOptions.store(common),
                            o.sitesMoveMillis,
                            o.sitesProbeMillis,
                            o.sitesConcurrency,
                            o.slice,
                            o.reps)
                    .forEach(f -> add(w, figures, f));
        }
    }

    private void checkRanges() {
        shared.checkRanges();
        new OptionRange("--reps", 1, 1_000).check(reps);
        new OptionRange("--plan-users", 1, 10_000_000).check(planUsers);
        new OptionRange("--move-users", 1, 10_000_000).check(moveUsers);
        new OptionRange("--move-concurrency", 1, 512).check(moveConcurrency);
        new OptionRange("--latency-users", 1, 10_000_000).check(latencyUsers);
        new OptionRange("--latency-ms", 0, 60_000).check(latencyMillis);
        new OptionRange("--latency-reps", 1, 1_000).check(latencyReps);
        new OptionRange("--sequential-users", 1, 1_000_000).check(sequentialUsers);
        new OptionRange("--assess-users", 1, 10_000_000).check(assessUsers);
        new OptionRange("--assess-objects", 0, 10_000_000).check(assessObjects);
        new OptionRange("--matrix-concurrency", 1, 512).check(matrixConcurrency);
        new OptionRange("--sustain-seconds", 1, 3_600).check(sustainSeconds);
        new OptionRange("--api-users", 100, 10_000_000).check(apiUsers);
        new OptionRange("--api-clients", 1, 256).check(apiClients);
        new OptionRange("--api-move-ms", 0, 60_000).check(apiMoveMillis);
        new OptionRange("--api-reps", 1, 1_000).check(apiReps);
        new OptionRange("--shell-users", 1, 1_000_000).check(shellUsers);
        new OptionRange("--shell-sessions", 1, 64).check(shellSessions);
        new OptionRange("--shell-callers", 1, 512).check(shellCallers);
        new OptionRange("--shell-start-ms", 0, 600_000).check(shellStartMillis);
        new OptionRange("--shell-move-ms", 0, 60_000).check(shellMoveMillis);
        new OptionRange("--shell-reps", 1, 100).check(shellReps);
    }

    private void add(PrintWriter w, List<Figure> figures, Figure f) {
        figures.add(f);
        if (!common.json) {
            w.printf(
                    "%-60s median %10.2f %-8s target %-40s %s%n",
                    f.name(), f.median(), f.unit(), f.target(), f.meetsTarget() ? "met" : "NOT MET");
            w.printf(
                    "    samples %s; %s%n",
                    f.samples().stream().map(d -> String.format("%.2f", d)).toList(), f.note());
            w.flush();
        }
    }
}
