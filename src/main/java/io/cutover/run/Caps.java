package io.cutover.run;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.deployment.Deployment;
import io.cutover.deployment.ForwardingDeployment;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The deployment with its moves bounded: at most {@code perPool} in flight from or to one pool,
 * and {@code perSite} in one site (the target pool's), beside the run's global concurrency (its
 * worker threads, or one more bound when each site has its own: see {@link SiteWorkers}). A move waits for a place in every bound it falls under, taken in one fixed
 * order so that two moves can never wait on each other. Everything else passes straight through.
 */
final class Caps extends ForwardingDeployment {
    private final Map<String, Fqdn> homes;
    private final Map<Fqdn, String> siteOf = new HashMap<>();
    private final Parallelism p;
    private final int global;
    private final Map<String, Semaphore> bounds = new ConcurrentHashMap<>();

    /** @param global moves in flight in the whole run at most, 0 when the run's worker threads bound them */
    Caps(Deployment d, Inventory start, Parallelism p, int global) {
        super(d);
        this.global = global;
        this.homes = Homes.of(start);
        this.p = p;
        for (Pool pool : start.pools()) {
            siteOf.put(pool.fqdn(), pool.site());
        }
    }

    @Override
    public void move(Subject subject, Fqdn targetPool) {
        List<Semaphore> taken = new ArrayList<>();
        try {
            for (Map.Entry<String, Integer> b : boundsOf(subject, targetPool).entrySet()) {
                Semaphore s = bounds.computeIfAbsent(b.getKey(), k -> new Semaphore(b.getValue()));
                s.acquire();
                taken.add(s);
            }
            delegate.move(subject, targetPool);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(ErrorCode.INTERNAL, "interrupted while waiting to move " + subject, e);
        } finally {
            taken.forEach(Semaphore::release);
        }
    }

    /** The bounds a move falls under, by name, in the fixed order they are taken in. */
    private Map<String, Integer> boundsOf(Subject subject, Fqdn target) {
        Map<String, Integer> of = new TreeMap<>();
        if (global > 0) {
            of.put("all", global);
        }
        if (p.perPool() > 0) {
            Fqdn source = homes.get(Homes.key(subject));
            if (source != null) {
                of.put("pool " + source.key(), p.perPool());
            }
            of.put("pool " + target.key(), p.perPool());
        }
        String site = siteOf.get(target);
        if (p.perSite() > 0 && site != null) {
            of.put("site " + site, p.perSite());
        }
        return of;
    }
}
