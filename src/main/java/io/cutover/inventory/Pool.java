package io.cutover.inventory;

import java.util.List;

/**
 * A pool: identically configured servers behind one FQDN.
 *
 * @param version the product name from the catalog, e.g. "Lync Server 2013"
 * @param servers the machine FQDNs of the pool
 * @param nextHop for an Edge pool, the internal pool its traffic goes to next (or null)
 */
public record Pool(Fqdn fqdn, String site, PoolRole role, String version, List<Fqdn> servers, Fqdn nextHop) {
    public Pool {
        servers = List.copyOf(servers);
    }
}
