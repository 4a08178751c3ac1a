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
        all
    }

    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Parameters(
            index = "0",
            arity = "0..1",
            defaultValue = "all",
            paramLabel = "WHICH",
            description =
                    "plan, moves, concurrency, assess, matrix, api or all (default: ${DEFAULT-VALUE}; all leaves out api, which takes minutes).")
    Which which;

    @Option(names = "--reps", defaultValue = "5", description = "Repetitions per figure (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(
            names = "--plan-users",
            defaultValue = "100000",
            description = "Users in the planning benchmark (default: ${DEFAULT-VALUE}).")
    int planUsers;

    @Option(
            names = "--move-users",
            defaultValue = "20000",
            description = "Users in the throughput benchmark (default: ${DEFAULT-VALUE}).")
    int moveUsers;

    @Option(
            names = "--move-concurrency",
            defaultValue = "8",
            description = "Concurrency of the throughput benchmark (default: ${DEFAULT-VALUE}).")
    int moveConcurrency;

    @Option(
            names = "--latency-users",
            defaultValue = "10000",
            description = "Users in the latency benchmark (default: ${DEFAULT-VALUE}).")
    int latencyUsers;

    @Option(
            names = "--latency-ms",
            defaultValue = "50",
            description = "Latency per move in the latency benchmark (default: ${DEFAULT-VALUE}).")
    long latencyMillis;

    @Option(
            names = "--latency-reps",
            defaultValue = "3",
            description = "Repetitions of the latency benchmark (default: ${DEFAULT-VALUE}).")
    int latencyReps;

    @Option(
            names = "--sequential-users",
            defaultValue = "200",
            description = "Users moved one at a time for the sequential figure (default: ${DEFAULT-VALUE}).")
    int sequentialUsers;

    @Option(
            names = "--assess-users",
            defaultValue = "200000",
            description = "Users in the assessment benchmark's folder (default: ${DEFAULT-VALUE}).")
    int assessUsers;

    @Option(
            names = "--assess-objects",
            defaultValue = "20000",
            description = "Objects in the assessment benchmark's folder (default: ${DEFAULT-VALUE}).")
    int assessObjects;

    @Option(
            names = "--assess-folder",
            paramLabel = "DIR",
            description = "Write the assessment benchmark's folder here and keep it (default: a temporary directory).")
    java.nio.file.Path assessFolder;

    @Option(
            names = "--matrix-concurrency",
            defaultValue = "32",
            description = "Probes at a time in the matrix benchmark (default: ${DEFAULT-VALUE}).")
    int matrixConcurrency;

    @Option(
            names = "--sustain-seconds",
            defaultValue = "10",
            description = "How long each sustained-probe sample runs (default: ${DEFAULT-VALUE}).")
    int sustainSeconds;

    @Option(
            names = "--api-users",
            defaultValue = "100000",
            description = "Users in the lab migration the API benchmark runs (default: ${DEFAULT-VALUE}).")
    int apiUsers;

    @Option(
            names = "--api-clients",
            defaultValue = "4",
            description = "Clients requesting status and overview at once (default: ${DEFAULT-VALUE}).")
    int apiClients;

    @Option(
            names = "--api-move-ms",
            defaultValue = "2",
            description = "Latency of each lab move during the API benchmark (default: ${DEFAULT-VALUE}).")
    long apiMoveMillis;

    @Option(
            names = "--api-reps",
            defaultValue = "3",
            description = "Repetitions of the API benchmark, each a fresh migration (default: ${DEFAULT-VALUE}).")
    int apiReps;

    @Override
    public Integer call() {
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
            if (apiUsers < 100 || apiClients < 1 || apiReps < 1 || apiMoveMillis < 0) {
                throw new io.cutover.CutoverException(
                        io.cutover.ErrorCode.BAD_INPUT,
                        "--api-users must be at least 100, --api-clients and --api-reps at least 1, --api-move-ms not negative");
            }
            io.cutover.bench.ApiLatency.run(apiUsers, 5, apiClients, apiMoveMillis, 24, apiReps)
                    .forEach(f -> add(w, figures, f));
        }
        if (common.json) {
            Printer.json(w, figures);
        }
        w.flush();
        return 0;
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
