package io.cutover.rules;

import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.Site;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What keeps each pool in place, and what clears it: the rule the assessment, the planner, the drain
 * check and the lab all apply, so that they never disagree.
 */
public final class Holds {
    private Holds() {}

    /**
     * Everything that holds {@code pool} now: its users, objects by kind, the CMS, and every link.
     *
     * @param gone pools already decommissioned, whose links hold nothing any more
     */
    public static List<Hold> on(Inventory inv, Fqdn pool, Predicate<Fqdn> gone) {
        List<Hold> holds = new ArrayList<>();
        int users = inv.usersOn(pool).size();
        if (users > 0) {
            holds.add(new Hold(pool, HoldKind.HOMED_USERS, null, users, pool + " still homes " + users + " users"));
        }
        Map<HomedKind, Integer> kinds = new EnumMap<>(HomedKind.class);
        for (HomedObject o : inv.objects()) {
            if (pool.equals(o.pool())) {
                kinds.merge(o.kind(), 1, Integer::sum);
            }
        }
        kinds.forEach((k, n) -> holds.add(new Hold(
                pool, HoldKind.HOMED_OBJECTS, k.name(), n, pool + " still homes " + n + " " + k + " objects")));
        if (pool.equals(inv.cmsPool())) {
            holds.add(new Hold(pool, HoldKind.HOSTS_CMS, null, 1, pool + " still hosts the Central Management Store"));
        }
        holds.addAll(links(inv, pool, gone));
        return holds;
    }

    /**
     * The routes and pools that point at {@code pool}: each site whose federation or XMPP federation
     * route goes through it, each pool (not gone) whose next hop or associated pool it is. Sorted by
     * site, then by pool.
     */
    public static List<Hold> links(Inventory inv, Fqdn pool, Predicate<Fqdn> gone) {
        List<Hold> holds = new ArrayList<>();
        List<Site> sites = inv.sites().stream()
                .sorted(Comparator.comparing((Site s) -> Site.key(s.name())))
                .toList();
        for (Site s : sites) {
            if (pool.equals(s.federationRoute())) {
                holds.add(new Hold(
                        pool,
                        HoldKind.FEDERATION_ROUTE,
                        s.name(),
                        1,
                        "site " + s.name() + " still routes federation through " + pool));
            }
            if (pool.equals(s.xmppFederationRoute())) {
                holds.add(new Hold(
                        pool,
                        HoldKind.XMPP_FEDERATION_ROUTE,
                        s.name(),
                        1,
                        "site " + s.name() + " still routes XMPP federation through " + pool));
            }
        }
        List<Pool> holders = inv.pools().stream()
                .filter(p -> pool.equals(p.nextHop()) && !p.fqdn().equals(pool) && !gone.test(p.fqdn()))
                .sorted(Comparator.comparing(Pool::fqdn))
                .toList();
        for (Pool p : holders) {
            holds.add(new Hold(pool, HoldKind.dependencyOf(p.role()), p.fqdn().text(), 1, describe(p, pool)));
        }
        inv.pools().stream()
                .filter(p -> pool.equals(p.backup()) && !p.fqdn().equals(pool) && !gone.test(p.fqdn()))
                .sorted(Comparator.comparing(Pool::fqdn))
                .forEach(p -> holds.add(new Hold(
                        pool,
                        HoldKind.BACKUP_PAIRING,
                        p.fqdn().text(),
                        1,
                        p.fqdn() + " is still paired with " + pool + " as its backup pool")));
        return holds;
    }

    private static String describe(Pool holder, Fqdn pool) {
        return switch (holder.role()) {
            case SurvivableBranch ->
                "Survivable Branch Appliance " + holder.fqdn() + " is still associated with " + pool;
            case Edge, Director, Mediation ->
                holder.role() + " " + holder.fqdn() + " still uses " + pool + " as its next hop";
            default -> holder.role() + " pool " + holder.fqdn() + " still depends on " + pool;
        };
    }

    /**
     * Which step clears {@code hold} in a plan.
     *
     * @param goesFirst legacy pools the plan decommissions (before the pools they point at)
     * @param kept pools the plan keeps (their links stay)
     * @param xmppNeeded sites whose retained users still need XMPP federation
     */
    public static Clearance clearance(
            Hold hold, Predicate<Fqdn> goesFirst, Predicate<Fqdn> kept, Predicate<String> xmppNeeded) {
        return switch (hold.kind()) {
            case HOMED_USERS, HOMED_OBJECTS, HOSTS_CMS, FEDERATION_ROUTE -> Clearance.MOVE;
            case XMPP_FEDERATION_ROUTE -> xmppNeeded.test(hold.holder()) ? Clearance.KEEP : Clearance.MANUAL;
            // Whatever happens to the partner, the pairing itself is re-done by a person.
            case BACKUP_PAIRING -> Clearance.MANUAL;
            default -> {
                Fqdn holder = Fqdn.of(hold.holder());
                if (kept.test(holder)) {
                    yield Clearance.KEEP;
                }
                yield goesFirst.test(holder) ? Clearance.DECOMMISSION : Clearance.MANUAL;
            }
        };
    }

    /**
     * The manual steps that must be done (approved, then verified) before {@code pool}'s drain
     * check: one per link a person clears, in the order of {@link #links}.
     *
     * @param replacement the pool that takes over from {@code pool} (a holder is pointed at it), or
     *     null when none is known
     */
    public static List<Release> manualSteps(
            Inventory inv,
            Fqdn pool,
            Fqdn replacement,
            Predicate<Fqdn> goesFirst,
            Predicate<Fqdn> kept,
            Predicate<String> xmppNeeded) {
        List<Release> steps = new ArrayList<>();
        for (Hold h : links(inv, pool, p -> false)) {
            if (clearance(h, goesFirst, kept, xmppNeeded) == Clearance.MANUAL) {
                Release r = Release.of(h, inv, replacement, goesFirst);
                if (r != null) {
                    steps.add(r);
                }
            }
        }
        return steps;
    }
}
