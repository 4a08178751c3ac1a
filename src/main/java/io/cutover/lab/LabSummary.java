package io.cutover.lab;

import io.cutover.deployment.PoolState;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.PoolRole;
import java.util.List;

/**
 * What {@code cutover lab inspect} shows: every pool with its state and what is homed on it, the
 * CMS, each site's routes and the faults in force.
 *
 * @param scenario the scenario's name
 * @param location the lab's directory, or "in memory"
 * @param faultSeed the seed that decides which calls the failure-rate faults fail
 */
public record LabSummary(
        String scenario,
        String location,
        int users,
        Fqdn cmsPool,
        List<PoolLine> pools,
        List<SiteLine> sites,
        long faultSeed,
        List<Fault> faults) {

    public LabSummary {
        pools = List.copyOf(pools);
        sites = List.copyOf(sites);
        faults = List.copyOf(faults);
    }

    public record PoolLine(
            Fqdn fqdn, String site, PoolRole role, String version, PoolState state, int users, int objects) {}

    public record SiteLine(String name, int siteId, Fqdn federationRoute, Fqdn xmppFederationRoute) {}

    /** The summary of the lab's state now; the caller holds the lab's lock. */
    static LabSummary of(LabState state, String location) {
        java.util.Map<Fqdn, int[]> counts = state.homedCounts();
        List<PoolLine> pools = new java.util.ArrayList<>();
        for (io.cutover.inventory.Pool p : state.pools()) {
            int[] c = counts.getOrDefault(p.fqdn(), new int[2]);
            pools.add(new PoolLine(p.fqdn(), p.site(), p.role(), p.version(), state.state(p), c[0], c[1]));
        }
        List<SiteLine> sites = state.sites().stream()
                .map(s -> new SiteLine(s.name(), s.siteId(), s.federationRoute(), s.xmppFederationRoute()))
                .toList();
        return new LabSummary(
                state.scenario.name(),
                location,
                state.userCount(),
                state.cmsPool(),
                pools,
                sites,
                state.faults().seed(),
                state.faults().faults());
    }
}
