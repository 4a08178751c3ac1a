package io.cutover.run;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads that carry out moves: one pool of {@code concurrency} for the run, or, with sites in
 * parallel and a bound per site, a pool per site of that bound. A move waiting for a place under a
 * bound ({@link Caps}) holds its thread: in one shared pool the moves of one site, queued first,
 * would hold every thread while only the site's bound of them move, and the other sites' moves
 * wait behind them. A pool per site keeps each site's waiting to itself; the run's global bound
 * is then one more of {@link Caps}' bounds.
 */
final class SiteWorkers implements AutoCloseable {
    private final ExecutorService shared;
    private final int perSite;
    private final Map<String, ExecutorService> bySite = new ConcurrentHashMap<>();

    SiteWorkers(int concurrency, Parallelism parallelism) {
        this.perSite = perSite(concurrency, parallelism);
        this.shared = perSite > 0 ? null : Executors.newFixedThreadPool(concurrency, Threads.daemon("cutover-worker"));
    }

    /**
     * The bound of each site's own pool, or 0 when the run has one pool: sites in parallel with a
     * bound per site below the global one.
     */
    static int perSite(int concurrency, Parallelism p) {
        return p.parallelSites() && p.perSite() > 0 ? Math.min(p.perSite(), concurrency) : 0;
    }

    /** The pool that carries out the moves of {@code site}. */
    ExecutorService of(String site) {
        if (shared != null) {
            return shared;
        }
        return bySite.computeIfAbsent(
                site, s -> Executors.newFixedThreadPool(perSite, Threads.daemon("cutover-worker-" + s)));
    }

    @Override
    public void close() {
        if (shared != null) {
            shared.shutdownNow();
        }
        bySite.values().forEach(ExecutorService::shutdownNow);
    }
}
