package io.cutover.run;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;

/**
 * How a run spreads its work, beside {@link RunSettings}' global concurrency: over instances
 * (processes sharing the journal), over sites within one process, and how many moves may be in
 * flight on one pool or in one site.
 *
 * @param shared take part beside other instances: work is claimed in units (see {@link Units})
 * @param parallelSites carry out the sites' steps at once in this process (one claimer per site)
 * @param perSite moves in flight in one site at most; 0 for no bound but the global one
 * @param perPool moves in flight from or to one pool at most; 0 for no bound but the global one
 * @param slice the most items of a move step in one unit of work, 1 to {@value #MAX_SLICE}; 0 for
 *     the run's own (the slice its first instance gave), or {@value #DEFAULT_SLICE} for a run
 *     that has none yet: see {@link #forRun}
 */
public record Parallelism(boolean shared, boolean parallelSites, int perSite, int perPool, int slice) {
    public static final int MAX_SLICE = 100_000;
    public static final int DEFAULT_SLICE = 100;
    public static final int MAX_CLAIMERS = 64;
    public static final Parallelism NONE = new Parallelism(false, false, 0, 0, DEFAULT_SLICE);

    /** @throws CutoverException BAD_INPUT naming the option of a value out of its range */
    public Parallelism {
        if (perSite < 0 || perSite > RunSettings.MAX_CONCURRENCY) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "--concurrency-per-site must be between 1 and " + RunSettings.MAX_CONCURRENCY + ", got " + perSite);
        }
        if (perPool < 0 || perPool > RunSettings.MAX_CONCURRENCY) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "--concurrency-per-pool must be between 1 and " + RunSettings.MAX_CONCURRENCY + ", got " + perPool);
        }
        if (slice < 0 || slice > MAX_SLICE) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "--slice must be between 1 and " + MAX_SLICE + ", got " + slice);
        }
    }

    /** The slice to propose for a run that has none yet: the one given, or the default. */
    public int proposedSlice() {
        return slice == 0 ? DEFAULT_SLICE : slice;
    }

    /**
     * This parallelism with the run's slice, the one every instance of the run cuts its plan with.
     *
     * @throws CutoverException BAD_INPUT when a slice other than the run's was given
     */
    public Parallelism forRun(String runId, int runSlice) {
        if (slice != 0 && slice != runSlice) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "--slice " + slice + ": run " + runId + " is cut into slices of " + runSlice
                            + " items, fixed when its first instance joined, and every instance must cut it"
                            + " alike; give --slice " + runSlice + " or leave --slice out");
        }
        return new Parallelism(shared, parallelSites, perSite, perPool, runSlice);
    }

    /** Whether work is claimed in units (shared with other instances, or over sites in this process). */
    public boolean claimed() {
        return shared || parallelSites;
    }

    /**
     * How many claimers one process runs: per site carried out at once, enough slices in hand to
     * keep {@code concurrency} workers busy, and one more, so that the next slice's moves are
     * queued while the last moves of a slice finish instead of the workers waiting for the
     * slowest of them. At most {@value #MAX_CLAIMERS}.
     */
    public int claimers(int sites, int concurrency) {
        int slice = proposedSlice();
        int perSite = (concurrency + slice - 1) / slice + 1;
        return Math.min(MAX_CLAIMERS, Math.max(1, sites) * perSite);
    }

    /** Whether moves are bounded per site or per pool. */
    public boolean capped() {
        return perSite > 0 || perPool > 0;
    }
}
