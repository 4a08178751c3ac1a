package io.cutover.plan;

import io.cutover.catalog.Catalog;
import io.cutover.check.Check;
import io.cutover.deployment.ProbeKind;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Policies;
import io.cutover.inventory.Pool;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import io.cutover.plan.Scope.SiteScope;
import io.cutover.plan.Step.DeployTarget;
import io.cutover.plan.Step.Gate;
import io.cutover.plan.Step.MoveBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Inventory + catalog + options to a sealed plan: per site and per legacy pool, the phases of the
 * side-by-side method (domain.md section 2) as typed steps.
 *
 * <p>Pure and deterministic: no I/O, no clock, no randomness, and every collection is walked in a
 * sorted order (sites by name, pools by FQDN, users by SIP address, objects by kind then identity),
 * so the same deployment gives the same plan and checksum however its lists were ordered.
 *
 * <p>Everything the planner refuses is refused before the first step is built (see {@link Scope}).
 */
public final class Planner {
    private final Scope scope;
    private final List<Step> steps = new ArrayList<>();
    // Who the plan has put on each target pool so far (by lower-cased FQDN), as the steps built so
    // far leave it: only the first test user and the first user, as that is all a gate ever picks
    // from a target pool, so tracking 100,000 moves costs two map updates each.
    private final Map<Fqdn, User> firstTestOn = new HashMap<>();
    private final Map<Fqdn, User> firstOn = new HashMap<>();

    private Planner(Scope scope) {
        this.scope = scope;
    }

    /**
     * Plans the migration of every legacy Front End and Edge pool to {@code options.target()}. The
     * plan records the options with the target spelt as the catalog names it.
     *
     * @param source what the inventory was read from, recorded in the plan (e.g. a scenario name)
     * @throws io.cutover.CutoverException with UNKNOWN_VERSION, UNSUPPORTED_MIGRATION_PATH,
     *     NO_TARGET_POOL_IN_SITE, NO_TARGET_EDGE_IN_SITE, UNKNOWN_POOL, UNKNOWN_SITE, UNKNOWN_USER or
     *     BAD_INPUT when the inventory or options cannot be planned
     */
    public static Plan plan(Inventory inventory, Catalog catalog, PlanOptions options, String source) {
        Scope scope = Scope.of(inventory, catalog, options);
        Planner planner = new Planner(scope);
        planner.walk();
        // The target as the catalog names it, so that "SfB 2019" and its full name make one plan.
        PlanOptions recorded = new PlanOptions(
                scope.target.name(),
                options.pilotCount(),
                options.pilotUsers(),
                options.waveSizes(),
                options.validationSample(),
                options.approveGates(),
                options.oldClients());
        return PlanCodec.seal(new Plan(Plan.FORMAT, source, recorded, planner.steps, scope.retained, scope.kept, null));
    }

    private void walk() {
        for (SiteScope site : scope.sites) {
            for (Pool t : site.targetFrontEnds()) {
                scope.usersOn(t).forEach(u -> arrive(t, u));
            }
        }
        for (SiteScope site : scope.sites) {
            site(site);
        }
    }

    private void site(SiteScope site) {
        String s = site.name();
        Pool t = site.targetFrontEnd();
        Map<Pool, List<User>> pilots = new LinkedHashMap<>();
        for (Pool p : site.legacyFrontEnds()) {
            String at = s + "/" + p.fqdn() + "/";
            steps.add(new DeployTarget(at + "deploy-target", s, p.fqdn(), Phase.Prepare, t.fqdn()));

            List<Check> coexistence = new ArrayList<>();
            coexistence.add(new Check.ServicesRunning(List.of(p.fqdn(), t.fqdn())));
            coexistence.add(new Check.ReplicasUpToDate());
            scope.buildFloor(p).ifPresent(floor -> coexistence.add(new Check.MinimumBuilds(List.of(floor))));
            User legacyUser = first(scope.usersOn(p), u -> !scope.isRetained(u));
            if (legacyUser == null) {
                legacyUser = first(scope.usersOn(p), u -> true);
            }
            User newUser = residentOf(t);
            boolean proved = legacyUser != null && newUser != null;
            if (proved) {
                coexistence.add(both(legacyUser, newUser));
            }
            coexistence.add(new Check.Matrix(List.of(p.fqdn(), t.fqdn())));
            steps.add(new Gate(
                    at + "coexistence",
                    s,
                    p.fqdn(),
                    Phase.Coexistence,
                    "coexistence of " + p.fqdn() + " and " + t.fqdn(),
                    coexistence));

            List<User> pilot = pilotOf(p);
            pilots.put(p, pilot);
            if (pilot.isEmpty()) {
                // Nothing to pilot (a count of 0, a list naming nobody here, or an empty pool): the
                // first production wave's validation is then the first proof on real users.
                continue;
            }
            steps.add(new MoveBatch(at + "pilot", s, p.fqdn(), Phase.Pilot, "pilot", moves(pilot, p, t)));
            pilot.forEach(u -> arrive(t, u));

            List<Check> validation = new ArrayList<>();
            validation.add(new Check.Registration(sips(pilot)));
            validation.add(parity(pilot, t));
            if (!proved) {
                Set<SipAddress> moved = keys(pilot);
                User stayed = first(scope.usersOn(p), u -> !moved.contains(u.sipAddress()) && !scope.isRetained(u));
                if (stayed == null) {
                    stayed = first(scope.usersOn(p), scope::isRetained);
                }
                if (stayed != null) {
                    validation.add(both(pilot.get(0), stayed));
                }
            }
            validation.add(new Check.Matrix(List.of(p.fqdn(), t.fqdn())));
            scope.clients.check(pilot).ifPresent(validation::add);
            steps.add(new Gate(
                    at + "pilot-validation",
                    s,
                    p.fqdn(),
                    Phase.PilotValidation,
                    "validate the pilot on " + t.fqdn(),
                    validation));
        }

        steps.addAll(EdgeAndFederation.of(scope, site, probeUsers(site, pilots)));

        for (Pool p : site.legacyFrontEnds()) {
            String at = s + "/" + p.fqdn() + "/";
            Set<SipAddress> pilot = keys(pilots.get(p));
            List<User> remaining = new ArrayList<>();
            for (User u : scope.usersOn(p)) {
                if (!pilot.contains(u.sipAddress()) && !scope.isRetained(u)) {
                    remaining.add(u);
                }
            }
            waves(site, p, t, at, remaining);
            objects(site, p, t, at);
            if (p.fqdn().equals(scope.inventory.cmsPool())) {
                // Even from a kept pool: the one CMS must not stay behind on a version being retired.
                steps.add(new MoveBatch(
                        at + "cms",
                        s,
                        p.fqdn(),
                        Phase.Cms,
                        "Central Management Store",
                        List.of(new Move(Subject.cms(), p.fqdn(), t.fqdn()))));
            }
        }

        steps.addAll(Retirement.of(scope, site));
    }

    /**
     * The two users the Edge and federation gates probe: one still on a legacy pool of the site
     * (not a pilot; one who will move later is preferred) and one already on a target pool (a
     * pilot user when there is one), so that both sides of coexistence are reached from outside.
     */
    private List<SipAddress> probeUsers(SiteScope site, Map<Pool, List<User>> pilots) {
        User legacy = null;
        for (Pool p : site.legacyFrontEnds()) {
            Set<SipAddress> pilot = keys(pilots.getOrDefault(p, List.of()));
            for (User u : scope.usersOn(p)) {
                if (u.enabled() && !pilot.contains(u.sipAddress()) && (legacy == null || probeOrder(u, legacy) < 0)) {
                    legacy = u;
                }
            }
        }
        User moved = pilots.values().stream()
                .filter(l -> !l.isEmpty())
                .map(l -> l.get(0))
                .findFirst()
                .orElse(null);
        if (moved == null) {
            for (Pool t : site.targetFrontEnds()) {
                User u = residentOf(t);
                if (u != null && (moved == null || Scope.PICK.compare(u, moved) < 0)) {
                    moved = u;
                }
            }
        }
        List<SipAddress> users = new ArrayList<>();
        if (legacy != null) {
            users.add(legacy.sipAddress());
        }
        if (moved != null) {
            users.add(moved.sipAddress());
        }
        return users;
    }

    private int probeOrder(User a, User b) {
        int byRetained = Boolean.compare(scope.isRetained(a), scope.isRetained(b));
        return byRetained != 0 ? byRetained : Scope.PICK.compare(a, b);
    }

    private List<User> pilotOf(Pool p) {
        List<User> pilot = new ArrayList<>();
        if (!scope.pilots.isEmpty()) {
            for (User u : scope.usersOn(p)) {
                if (scope.pilots.contains(u.sipAddress())) {
                    pilot.add(u);
                }
            }
        } else {
            for (User u : scope.usersOn(p)) {
                if (!scope.isRetained(u) && u.enabled()) { // a disabled account moves, but in a wave
                    pilot.add(u);
                }
            }
        }
        pilot.sort(Scope.PICK);
        return List.copyOf(pilot.subList(
                0, scope.pilots.isEmpty() ? Math.min(scope.options.pilotCount(), pilot.size()) : pilot.size()));
    }

    private void waves(SiteScope site, Pool p, Pool t, String at, List<User> remaining) {
        List<Integer> sizes = scope.options.waveSizes();
        int from = 0;
        for (int k = 1; from < remaining.size(); k++) {
            int size = sizes.get(Math.min(k - 1, sizes.size() - 1));
            List<User> wave = remaining.subList(from, Math.min(from + size, remaining.size()));
            from += wave.size();
            String id = at + String.format(Locale.ROOT, "wave-%02d", k);
            steps.add(new MoveBatch(id, site.name(), p.fqdn(), Phase.Production, "wave " + k, moves(wave, p, t)));
            wave.stream().filter(User::enabled).forEach(u -> arrive(t, u)); // residents are probe subjects
            List<User> sample = wave.stream()
                    .filter(User::enabled)
                    .limit(scope.options.validationSample())
                    .toList();
            List<Check> checks = new ArrayList<>();
            if (!sample.isEmpty()) {
                checks.add(new Check.Registration(sips(sample)));
                checks.add(parity(sample, t));
            }
            scope.clients.check(wave).ifPresent(checks::add);
            if (!checks.isEmpty()) {
                steps.add(new Gate(
                        id + "-validation", site.name(), p.fqdn(), Phase.Production, "validate wave " + k, checks));
            }
        }
    }

    private void objects(SiteScope site, Pool p, Pool t, String at) {
        Map<HomedKind, List<Move>> byKind = new LinkedHashMap<>();
        // Move-CsRgsConfiguration only moves to a newer code line: from 2019 to Subscription Edition
        // (one code line) the configuration is exported and imported instead.
        boolean sameCode = scope.versionOf.get(p.fqdn()).sameCodeAs(scope.target);
        for (HomedObject o : scope.objectsOn(p)) {
            boolean exportImport = sameCode && o.kind() == HomedKind.RgsConfiguration;
            byKind.computeIfAbsent(o.kind(), k -> new ArrayList<>())
                    .add(new Move(new Subject(o.kind(), o.identity()), p.fqdn(), t.fqdn(), exportImport));
        }
        byKind.forEach((kind, moves) -> steps.add(new MoveBatch(
                at + "objects-" + kind.name(), site.name(), p.fqdn(), Phase.Objects, kind.name() + " objects", moves)));
    }

    private void arrive(Pool t, User u) {
        Fqdn k = t.fqdn();
        firstOn.merge(k, u, (a, b) -> Scope.BY_SIP.compare(a, b) <= 0 ? a : b);
        if (u.test()) {
            firstTestOn.merge(k, u, (a, b) -> Scope.BY_SIP.compare(a, b) <= 0 ? a : b);
        }
    }

    /** The first test user the plan has on {@code t} so far, else its first user, else null. */
    private User residentOf(Pool t) {
        Fqdn k = t.fqdn();
        User test = firstTestOn.get(k);
        return test != null ? test : firstOn.get(k);
    }

    private static User first(List<User> users, Predicate<User> which) {
        User best = null;
        for (User u : users) {
            // Every user picked here is a probe subject, which a disabled account cannot be.
            if (u.enabled() && which.test(u) && (best == null || Scope.PICK.compare(u, best) < 0)) {
                best = u;
            }
        }
        return best;
    }

    private static Check both(User a, User b) {
        return new Check.Communication(
                List.of(new Check.Pair(a.sipAddress(), b.sipAddress()), new Check.Pair(b.sipAddress(), a.sipAddress())),
                ProbeKind.PEER_MODALITIES);
    }

    private Check parity(List<User> users, Pool t) {
        Policies policies = scope.inventory.policies() == null ? Policies.none() : scope.inventory.policies();
        List<Check.ExpectedPolicies> expected = new ArrayList<>(users.size());
        for (User u : users) {
            expected.add(new Check.ExpectedPolicies(
                    u.sipAddress(),
                    t.site(),
                    u.policies(),
                    Collections.unmodifiableMap(policies.effective(u, t.site()))));
        }
        return new Check.PolicyParity(expected);
    }

    private static List<Move> moves(List<User> users, Pool from, Pool to) {
        List<Move> moves = new ArrayList<>(users.size());
        for (User u : users) {
            moves.add(new Move(Subject.user(u.sipAddress()), from.fqdn(), to.fqdn()));
        }
        return moves;
    }

    private static Set<SipAddress> keys(List<User> users) {
        Set<SipAddress> keys = new HashSet<>();
        users.forEach(u -> keys.add(u.sipAddress()));
        return keys;
    }

    private static List<SipAddress> sips(List<User> users) {
        return users.stream().map(User::sipAddress).toList();
    }
}
