package io.cutover.run;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.deployment.Deployment;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeResult;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The deployment with its moves bounded: at most {@code perPool} in flight from or to one pool,
 * and {@code perSite} in one site (the target pool's), beside the run's global concurrency (its
 * worker threads, or one more bound when each site has its own: see {@link SiteWorkers}). A move waits for a place in every bound it falls under, taken in one fixed
 * order so that two moves can never wait on each other. Everything else passes straight through.
 */
final class Caps implements Deployment {
    private final Deployment d;
    private final Map<String, Fqdn> homes;
    private final Map<Fqdn, String> siteOf = new HashMap<>();
    private final Parallelism p;
    private final int global;
    private final Map<String, Semaphore> bounds = new ConcurrentHashMap<>();

    /** @param global moves in flight in the whole run at most, 0 when the run's worker threads bound them */
    Caps(Deployment d, Inventory start, Parallelism p, int global) {
        this.d = d;
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
            d.move(subject, targetPool);
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

    @Override
    public String name() {
        return d.name();
    }

    @Override
    public Inventory snapshot() {
        return d.snapshot();
    }

    @Override
    public Optional<Fqdn> homeOf(Subject subject) {
        return d.homeOf(subject);
    }

    @Override
    public void setFederationRoute(String site, Fqdn edgeFqdn) {
        d.setFederationRoute(site, edgeFqdn);
    }

    @Override
    public PoolState poolState(Fqdn fqdn) {
        return d.poolState(fqdn);
    }

    @Override
    public void deploy(Fqdn fqdn) {
        d.deploy(fqdn);
    }

    @Override
    public void decommission(Fqdn fqdn) {
        d.decommission(fqdn);
    }

    @Override
    public List<ServiceState> services(Fqdn pool) {
        return d.services(pool);
    }

    @Override
    public List<Replica> replication() {
        return d.replication();
    }

    @Override
    public ProbeResult probe(Probe probe) {
        return d.probe(probe);
    }

    @Override
    public void exportImport(Subject subject, Fqdn targetPool) {
        d.exportImport(subject, targetPool);
    }

    @Override
    public List<io.cutover.inventory.ServerVersion> serverVersions(Fqdn pool) {
        return d.serverVersions(pool);
    }

    @Override
    public boolean perform(io.cutover.rules.Release release) {
        return d.perform(release);
    }

    @Override
    public List<Fqdn> unknownServers() {
        return d.unknownServers();
    }

    @Override
    public List<io.cutover.deployment.UserState> userStates(List<io.cutover.inventory.SipAddress> users) {
        return d.userStates(users);
    }

    @Override
    public void restore(io.cutover.deployment.UserState before) {
        d.restore(before);
    }

    @Override
    public void close() {
        d.close();
    }
}
