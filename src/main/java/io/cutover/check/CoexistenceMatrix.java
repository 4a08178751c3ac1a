package io.cutover.check;

import io.cutover.catalog.Catalog;
import io.cutover.catalog.ProductVersion;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeKind;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Site;
import io.cutover.inventory.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The coexistence matrix (domain.md section 2): what must work while legacy and new pools run side
 * by side. For each site, each of its legacy Front End pools paired with every new Front End pool
 * in both directions, in each peer modality (registration, presence, IM, call, conference); each
 * of the site's registrar pools through each of its Edges (external); and each through the site's
 * federation route to the first partner (federated). A pool is represented by its first test user,
 * else its first user; a pool with no user has cells that cannot run, and says so.
 *
 * <p>Pure: computed from an inventory and the catalog, so the same deployment gives the same matrix.
 */
public record CoexistenceMatrix(String newVersion, List<Cell> cells) {
    public enum Path {
        Internal,
        External,
        Federated
    }

    /**
     * One probe of the matrix.
     *
     * @param from the pool whose user initiates
     * @param to the other pool, the Edge (external) or the partner domain (federated)
     * @param probe the probe, or null when a pool has no user to run it as
     * @param pools the pools (and Edges) the cell needs in service
     */
    public record Cell(
            String site, Path path, ProbeKind modality, String from, String to, Probe probe, List<Fqdn> pools) {}

    public CoexistenceMatrix {
        cells = List.copyOf(cells);
    }

    public static CoexistenceMatrix of(Inventory inventory, Catalog catalog) {
        List<Pool> frontEnds = inventory.pools().stream()
                .filter(p -> p.role() == PoolRole.FrontEnd)
                .sorted(Comparator.comparing(p -> p.fqdn()))
                .toList();
        ProductVersion newest = null;
        for (Pool p : frontEnds) {
            ProductVersion v = catalog.version(p.version());
            if (newest == null || newest.isOlderThan(v)) {
                newest = v;
            }
        }
        List<Cell> cells = new ArrayList<>();
        if (newest == null) {
            return new CoexistenceMatrix(null, cells);
        }
        Map<Fqdn, User> representative = representatives(inventory);
        List<Pool> newPools = new ArrayList<>();
        for (Pool p : frontEnds) {
            if (catalog.version(p.version()).equals(newest)) {
                newPools.add(p);
            }
        }
        String partner = inventory.partners().stream()
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .findFirst()
                .orElse(null);
        for (Site site : inventory.sites()) {
            List<Pool> here = inventory.poolsIn(site.name()).stream()
                    .sorted(Comparator.comparing(p -> p.fqdn()))
                    .toList();
            for (Pool legacy : here) {
                if (legacy.role() != PoolRole.FrontEnd || newPools.contains(legacy)) {
                    continue;
                }
                for (Pool target : newPools) {
                    for (ProbeKind kind : ProbeKind.PEER_MODALITIES) {
                        cells.add(peer(site.name(), kind, legacy, target, representative));
                        cells.add(peer(site.name(), kind, target, legacy, representative));
                    }
                }
            }
            for (Pool registrar : here) {
                if (registrar.role() != PoolRole.FrontEnd) {
                    continue;
                }
                User u = representative.get(registrar.fqdn());
                for (Pool edge : here) {
                    if (edge.role() == PoolRole.Edge) {
                        Probe probe =
                                u == null ? null : new Probe(ProbeKind.External, u.sipAddress(), null, edge.fqdn());
                        cells.add(new Cell(
                                site.name(),
                                Path.External,
                                ProbeKind.External,
                                registrar.fqdn().text(),
                                edge.fqdn().text(),
                                probe,
                                List.of(registrar.fqdn(), edge.fqdn())));
                    }
                }
                if (partner != null && site.federationRoute() != null) {
                    Probe probe = u == null ? null : new Probe(ProbeKind.Federated, u.sipAddress(), partner, null);
                    cells.add(new Cell(
                            site.name(),
                            Path.Federated,
                            ProbeKind.Federated,
                            registrar.fqdn().text(),
                            partner,
                            probe,
                            List.of(registrar.fqdn(), site.federationRoute())));
                }
            }
        }
        return new CoexistenceMatrix(newest.name(), cells);
    }

    /** The cells that involve one of these pools. */
    public CoexistenceMatrix involving(List<Fqdn> pools) {
        List<Cell> kept = new ArrayList<>();
        for (Cell c : cells) {
            if (pools.stream().anyMatch(p -> p.is(c.from()) || p.is(c.to()))) {
                kept.add(c);
            }
        }
        return new CoexistenceMatrix(newVersion, kept);
    }

    private static Cell peer(String site, ProbeKind kind, Pool from, Pool to, Map<Fqdn, User> representative) {
        User a = representative.get(from.fqdn());
        User b = representative.get(to.fqdn());
        Probe probe = a == null || b == null
                ? null
                : kind == ProbeKind.Registration
                        ? Probe.registration(a.sipAddress())
                        : Probe.between(kind, a.sipAddress(), b.sipAddress());
        return new Cell(
                site,
                Path.Internal,
                kind,
                from.fqdn().text(),
                to.fqdn().text(),
                probe,
                List.of(from.fqdn(), to.fqdn()));
    }

    /** Per pool, its first enabled test user by SIP address, else its first enabled user. */
    private static Map<Fqdn, User> representatives(Inventory inventory) {
        Map<Fqdn, User> best = new HashMap<>();
        Comparator<User> pick = Comparator.comparing((User u) -> !u.test()).thenComparing(u -> u.sipAddress());
        for (User u : inventory.users()) {
            if (u.disabled()) {
                // A disabled account cannot register: it would fail every cell it stood in.
                continue;
            }
            best.merge(u.pool(), u, (x, y) -> pick.compare(x, y) <= 0 ? x : y);
        }
        return best;
    }
}
