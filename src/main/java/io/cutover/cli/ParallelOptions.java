package io.cutover.cli;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.run.Parallelism;
import io.cutover.run.RunSettings;
import picocli.CommandLine.Option;

/** How a run spreads over instances, sites and pools. */
final class ParallelOptions {
    @Option(
            names = "--shared",
            description = "Take part in the run beside other instances sharing the store (PostgreSQL): work is"
                    + " claimed in units (a step, or a slice of a move step), each held by a lease this"
                    + " instance renews; a unit of an instance that died is taken over.")
    boolean shared;

    @Option(
            names = "--parallel-sites",
            description = "Carry out the sites' steps at once in this process (as units of work, like --shared).")
    boolean parallelSites;

    @Option(
            names = "--concurrency-per-site",
            paramLabel = "N",
            defaultValue = "0",
            description = "Moves in flight in one site at most, 1 to 512; 0, the default: no bound but --concurrency.")
    int perSite;

    @Option(
            names = "--concurrency-per-pool",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "Moves in flight from or to one pool at most, 1 to 512; 0, the default: no bound but --concurrency.")
    int perPool;

    @Option(
            names = "--slice",
            paramLabel = "N",
            description = "With --shared or --parallel-sites: the most items of a move step in one unit of work,"
                    + " 1 to " + Parallelism.MAX_SLICE + "; fixed for the run by its first instance (default:"
                    + " the run's, or " + Parallelism.DEFAULT_SLICE + " for a new run).")
    Integer slice;

    static final OptionRange PER_SITE = new OptionRange("--concurrency-per-site", 0, RunSettings.MAX_CONCURRENCY);
    static final OptionRange PER_POOL = new OptionRange("--concurrency-per-pool", 0, RunSettings.MAX_CONCURRENCY);
    static final OptionRange SLICE = new OptionRange("--slice", 1, Parallelism.MAX_SLICE);

    Parallelism parallelism() {
        PER_SITE.check(perSite);
        PER_POOL.check(perPool);
        if (slice != null) {
            SLICE.check(slice);
            if (!shared && !parallelSites) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        "--slice goes with --shared or --parallel-sites: a run in one process without them"
                                + " carries out each step whole");
            }
        }
        return new Parallelism(shared, parallelSites, perSite, perPool, slice == null ? 0 : slice);
    }
}
