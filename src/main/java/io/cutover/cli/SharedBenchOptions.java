package io.cutover.cli;

import io.cutover.journal.PasswordFile;
import io.cutover.journal.Store;
import io.cutover.run.Parallelism;
import picocli.CommandLine.Option;

/** The options of the shared-journal benchmarks: {@code bench journal}, {@code instances} and {@code sites}. */
final class SharedBenchOptions {
    @Option(
            names = "--instances",
            defaultValue = "3",
            description = "Instances sharing the run in the instances benchmark, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(
            names = "--instance-concurrency",
            defaultValue = "8",
            description = "Concurrency of each instance, 1 to 512 (default: ${DEFAULT-VALUE}).")
    int instanceConcurrency;

    @Option(
            names = "--instance-users",
            defaultValue = "5000",
            description = "Users in the instances benchmark, 1 to 1000000 (default: ${DEFAULT-VALUE}).")
    int instanceUsers;

    @Option(
            names = "--instance-ms",
            defaultValue = "50",
            description = "Latency per move in the instances benchmark, 1 to 60000 (default: ${DEFAULT-VALUE}).")
    long instanceMillis;

    @Option(
            names = "--bench-slice",
            defaultValue = "" + Parallelism.DEFAULT_SLICE,
            description = "Items of a move step in one unit of work, as run --slice (default: ${DEFAULT-VALUE}).")
    int slice;

    @Option(
            names = "--sites-move-ms",
            defaultValue = "50",
            description = "The sites benchmark's latency per move, 0 to 60000 (default: ${DEFAULT-VALUE}).")
    long sitesMoveMillis;

    @Option(
            names = "--sites-probe-ms",
            defaultValue = "0",
            description = "The sites benchmark's latency per probe, 0 to 60000 (default: ${DEFAULT-VALUE}).")
    long sitesProbeMillis;

    @Option(
            names = "--sites-concurrency",
            defaultValue = "24",
            description =
                    "The sites benchmark's concurrency: of the sequential run, and of each site with --parallel-sites,"
                            + " 1 to 512 (default: ${DEFAULT-VALUE}).")
    int sitesConcurrency;

    @Option(
            names = "--shared-reps",
            defaultValue = "3",
            description = "Repetitions of the instances and sites benchmarks, 1 to 100 (default: ${DEFAULT-VALUE}).")
    int reps;

    void checkRanges() {
        new OptionRange("--instances", 1, 64).check(instances);
        new OptionRange("--instance-concurrency", 1, 512).check(instanceConcurrency);
        new OptionRange("--instance-users", 1, 1_000_000).check(instanceUsers);
        new OptionRange("--instance-ms", 1, 60_000).check(instanceMillis);
        ParallelOptions.SLICE.check(slice);
        new OptionRange("--sites-move-ms", 0, 60_000).check(sitesMoveMillis);
        new OptionRange("--sites-probe-ms", 0, 60_000).check(sitesProbeMillis);
        new OptionRange("--sites-concurrency", 1, 512).check(sitesConcurrency);
        new OptionRange("--shared-reps", 1, 100).check(reps);
    }

    /**
     * The store given with {@code --store} (its password from {@code --store-password-file} or the
     * environment), or null for a SQLite file per run. The benchmarks fill it: give a scratch database.
     */
    static Store store(Common common) {
        if (common.store == null) {
            return null;
        }
        String password = common.storePasswordFile == null
                ? System.getenv(Store.PASSWORD_VARIABLE)
                : PasswordFile.read(common.storePasswordFile, "--store-password-file");
        return Store.Postgres.given("--store", common.store, password);
    }
}
