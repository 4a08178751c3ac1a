package io.cutover.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A pool: identically configured servers behind one FQDN.
 *
 * @param version the product name from the catalog, e.g. "Lync Server 2013"
 * @param servers the machine FQDNs of the pool
 * @param nextHop the one pool this pool depends on, or null: an Edge's, a Director's or a Mediation
 *     pool's next hop, the central pool a Survivable Branch Appliance or Server is associated with,
 *     the registrar of a Persistent Chat, trusted application or Video Interop Server pool
 * @param backup the pool paired with this one as its backup registrar pool (disaster recovery), or
 *     null; left out of the JSON when null so that earlier forms read and write the same
 */
public record Pool(
        Fqdn fqdn,
        String site,
        PoolRole role,
        String version,
        List<Fqdn> servers,
        Fqdn nextHop,
        @JsonInclude(JsonInclude.Include.NON_NULL) Fqdn backup) {
    public Pool {
        servers = List.copyOf(servers);
    }

    /** A pool paired with none. */
    public Pool(Fqdn fqdn, String site, PoolRole role, String version, List<Fqdn> servers, Fqdn nextHop) {
        this(fqdn, site, role, version, servers, nextHop, null);
    }

    /** A copy that depends on {@code pool} instead (null: on none). */
    public Pool withNextHop(Fqdn pool) {
        return new Pool(fqdn, site, role, version, servers, pool, backup);
    }

    /** A copy paired with {@code pool} instead (null: with none). */
    public Pool withBackup(Fqdn pool) {
        return new Pool(fqdn, site, role, version, servers, nextHop, pool);
    }
}
