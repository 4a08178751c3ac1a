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
}
