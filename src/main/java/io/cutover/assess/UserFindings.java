package io.cutover.assess;

import io.cutover.assess.Assessment.Finding;
import io.cutover.assess.Assessment.FindingCode;
import io.cutover.assess.Assessment.RetainedUser;
import io.cutover.assess.Assessment.Severity;
import io.cutover.catalog.ClientVerdict;
import io.cutover.catalog.Feature;
import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Policies;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Findings on homed users: who stays on a legacy pool for a feature the target removed or lacks,
 * whether a site's target Front End pool can home everyone who moves, and whose effective policies
 * would change by moving to another site.
 */
final class UserFindings extends Survey {
    UserFindings(Survey shared) {
        super(shared);
    }

    void retained() {
        for (User u : users.values()) {
            Pool p = pools.get(u.pool());
            if (p == null || !legacy(p) || u.features().isEmpty()) {
                continue;
            }
            Set<Feature> lost = target.lacking(u.features());
            if (!lost.isEmpty()) {
                retainedOn
                        .computeIfAbsent(p.fqdn(), k -> new ArrayList<>())
                        .add(new RetainedUser(
                                u.sipAddress(),
                                p.fqdn(),
                                lost.stream().sorted().map(Feature::name).toList()));
            }
        }
        retainedOn.values().forEach(list -> list.sort(Comparator.comparing(r -> r.sipAddress())));
        retainedOn.forEach((k, list) -> {
            Pool p = pools.get(k);
            Set<String> features = new TreeSet<>();
            list.forEach(r -> features.addAll(r.features()));
            findings.add(new Finding(
                    Severity.WARNING,
                    FindingCode.RETAINED_USERS,
                    p.fqdn().text(),
                    list.size() + (list.size() == 1 ? " user" : " users")
                            + " on " + p.fqdn() + (list.size() == 1 ? " depends on " : " depend on ")
                            + String.join(", ", features) + ", which " + target.name()
                            + " does not offer; they stay on the legacy pool, which stays in coexistence"));
        });
    }

    /**
     * Per legacy pool, the users whose last client the target refuses (as the planner holds them
     * back: users retained for a feature are counted there, not here), by client family; and the
     * client strings no family fits.
     */
    void clients() {
        Set<SipAddress> retained = new java.util.HashSet<>();
        retainedOn.values().forEach(list -> list.forEach(r -> retained.add(r.sipAddress())));
        Map<Fqdn, Map<String, Integer>> refused = new TreeMap<>();
        Map<Fqdn, Map<String, Integer>> unknown = new TreeMap<>();
        Map<Fqdn, Set<String>> needed = new HashMap<>();
        for (ClientSignIn c : ClientSignIn.latest(inv.clients()).values()) {
            User u = users.get(c.sipAddress());
            Pool p = u == null ? null : pools.get(u.pool());
            if (p == null || !legacy(p) || retained.contains(u.sipAddress())) {
                continue;
            }
            ClientVerdict v = catalog.clients().verdict(c.clientVersion(), target);
            if (v.blocked()) {
                refused.computeIfAbsent(p.fqdn(), k -> new TreeMap<>())
                        .merge(v.client().family().name(), 1, Integer::sum);
                needed.computeIfAbsent(p.fqdn(), k -> new TreeSet<>()).add(v.needed());
            } else if (v.status() == ClientVerdict.Status.UNKNOWN) {
                unknown.computeIfAbsent(p.fqdn(), k -> new TreeMap<>())
                        .merge(v.client().text(), 1, Integer::sum);
            }
        }
        refused.forEach((pool, byFamily) -> findings.add(new Finding(
                Severity.WARNING,
                FindingCode.CLIENT_NOT_SUPPORTED,
                pool.text(),
                count(byFamily) + " on " + pool + " last signed in with a client " + target.name()
                        + " does not let sign in (" + tally(byFamily) + "; they need "
                        + String.join(" or ", needed.get(pool)) + "): `plan` holds them back on " + pool
                        + ", which stays in coexistence; `plan --old-clients fail` moves them and fails their"
                        + " wave's gate")));
        unknown.forEach((pool, byText) -> findings.add(new Finding(
                Severity.INFO,
                FindingCode.CLIENT_UNKNOWN,
                pool.text(),
                count(byText) + " on " + pool + " last signed in with a client the catalog does not recognise ("
                        + tally(byText) + "); they move as usual")));
    }

    private static String count(Map<String, Integer> tally) {
        int n = tally.values().stream().mapToInt(Integer::intValue).sum();
        return n + (n == 1 ? " user" : " users");
    }

    private static String tally(Map<String, Integer> tally) {
        List<String> parts = new ArrayList<>();
        tally.forEach((what, n) -> parts.add(what + " x" + n));
        return String.join(", ", parts);
    }

    /** As the planner does: every movable user of a site goes to the site's first target Front End pool. */
    void capacity() {
        for (Map.Entry<String, List<Pool>> e : poolsBySite().entrySet()) {
            Pool t = targetFrontEnd(e.getValue());
            if (t == null) {
                continue;
            }
            long homed = usersOn.getOrDefault(t.fqdn(), 0);
            for (Pool p : e.getValue()) {
                if (p.role() == PoolRole.FrontEnd && legacy(p)) {
                    homed += usersOn.getOrDefault(p.fqdn(), 0)
                            - retainedOn.getOrDefault(p.fqdn(), List.of()).size();
                }
            }
            if (homed > target.poolCapacity()) {
                findings.add(new Finding(
                        Severity.ERROR,
                        FindingCode.TARGET_CAPACITY_EXCEEDED,
                        t.fqdn().text(),
                        t.fqdn() + " would home " + homed + " users, more than the " + target.poolCapacity() + " a "
                                + target.name() + " Front End pool is sized for"));
            }
        }
    }

    /**
     * A legacy pool whose own site has no target pool can only move to a target pool of another
     * site, where users without a per-user assignment get that site's policies.
     */
    void policies() {
        Policies policies = inv.policies() == null ? Policies.none() : inv.policies();
        Map<String, List<Pool>> bySite = poolsBySite();
        Pool elsewhere = null;
        for (Map.Entry<String, List<Pool>> e : bySite.entrySet()) {
            Pool t = targetFrontEnd(e.getValue());
            if (t != null && elsewhere == null) {
                elsewhere = t;
            }
        }
        if (elsewhere == null) {
            return;
        }
        Map<Fqdn, List<User>> byPool = new HashMap<>();
        for (Map.Entry<String, List<Pool>> e : bySite.entrySet()) {
            if (targetFrontEnd(e.getValue()) != null) {
                continue;
            }
            for (Pool p : e.getValue()) {
                if (p.role() == PoolRole.FrontEnd && legacy(p)) {
                    byPool.put(p.fqdn(), new ArrayList<>());
                }
            }
        }
        if (byPool.isEmpty()) {
            return;
        }
        for (User u : users.values()) {
            List<User> list = byPool.get(u.pool());
            if (list != null) {
                list.add(u);
            }
        }
        for (Map.Entry<Fqdn, List<User>> e : new TreeMap<>(byPool).entrySet()) {
            Pool p = pools.get(e.getKey());
            Pool t = pairedTarget(p, bySite);
            int changed = 0;
            for (User u : e.getValue()) {
                if (!policies.effective(u, siteName(p.site())).equals(policies.effective(u, siteName(t.site())))) {
                    changed++;
                }
            }
            if (changed > 0) {
                findings.add(new Finding(
                        Severity.WARNING,
                        FindingCode.EFFECTIVE_POLICY_CHANGES,
                        p.fqdn().text(),
                        changed + (changed == 1 ? " user" : " users")
                                + " on " + p.fqdn() + " would get different effective policies on " + t.fqdn()
                                + " in site " + t.site()
                                + " (site policies apply where they have no per-user assignment)"));
            }
        }
    }

    private Pool pairedTarget(Pool p, Map<String, List<Pool>> bySite) {
        for (List<Pool> list : bySite.values()) {
            Pool t = targetFrontEnd(list);
            if (t != null) {
                return t;
            }
        }
        throw new IllegalStateException("no target pool for " + p.fqdn());
    }
}
