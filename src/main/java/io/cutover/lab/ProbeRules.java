package io.cutover.lab;

import io.cutover.catalog.Feature;
import io.cutover.catalog.ProductVersion;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Probe;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import java.util.Optional;

/**
 * Whether a synthetic transaction succeeds against the lab as it is now. The rules are those of a
 * real deployment (domain.md sections 1 to 3): both ends must be registered on pools that are up
 * with their services running and whose versions may coexist; external traffic crosses an Edge,
 * federated traffic the site's federation route; removed features fail on the versions without them.
 */
final class ProbeRules {
    /** Why a probe failed: a sentence for people, and the SIP status line a Test-Cs cmdlet would show. */
    record Refusal(String error, String diagnosis) {
        static Refusal of(int status, String reason, String why) {
            return new Refusal(why, status + " " + reason + ": " + why);
        }
    }

    private final LabState state;

    ProbeRules(LabState state) {
        this.state = state;
    }

    /** The pool (or Edge) a probe exercises, or null when the probe names nothing the lab knows. */
    String target(Probe p) {
        if (p.kind() == null) {
            return null;
        }
        return switch (p.kind()) {
            case Registration, PersistentChat ->
                homePool(p.from()).map(Pool::fqdn).map(Fqdn::text).orElse(null);
            case Presence, Im, Call, Conference ->
                homePool(p.to()).map(Pool::fqdn).map(Fqdn::text).orElse(null);
            case External ->
                p.via() == null
                        ? null
                        : state.pool(p.via()).map(Pool::fqdn).orElse(p.via()).text();
            case Federated -> route(p.from(), false);
            case Xmpp -> route(p.from(), true);
        };
    }

    /** The reason the probe fails, or empty when it succeeds. */
    Optional<Refusal> check(Probe p) {
        if (p.kind() == null) {
            return Optional.of(Refusal.of(400, "Bad Request", "the probe has no kind"));
        }
        return Optional.ofNullable(
                switch (p.kind()) {
                    case Registration -> registration(p);
                    case Presence, Im, Call, Conference -> peer(p);
                    case External -> external(p);
                    case Federated -> federated(p);
                    case Xmpp -> xmpp(p);
                    case PersistentChat -> persistentChat(p);
                });
    }

    private Refusal registration(Probe p) {
        User u = state.user(p.from()).orElse(null);
        if (u == null) {
            return noUser(p.from());
        }
        // A real registrar refuses a disabled account, so a rehearsal that picked one fails as a run would.
        return u.disabled() ? disabled(u) : reachable(pool(u));
    }

    /** The refusal of a disabled account's sign-in, or null: every probe but a server's needs one. */
    private static Refusal signIn(User u) {
        return u.disabled() ? disabled(u) : null;
    }

    private static Refusal disabled(User u) {
        return Refusal.of(
                403, "Forbidden", u.sipAddress() + " is disabled for Lync / Skype for Business (Enabled False)");
    }

    private Refusal peer(Probe p) {
        User from = state.user(p.from()).orElse(null);
        if (from == null) {
            return noUser(p.from());
        }
        User to = state.user(p.to()).orElse(null);
        if (to == null) {
            return noUser(p.to());
        }
        Pool a = pool(from);
        Pool b = pool(to);
        return first(signIn(from), signIn(to), reachable(a), reachable(b), coexist(a, b));
    }

    private Refusal external(Probe p) {
        Pool edge = state.pool(p.via()).orElse(null);
        if (edge == null) {
            return Refusal.of(404, "Not Found", "no pool " + p.via() + " in the topology");
        }
        if (edge.role() != PoolRole.Edge) {
            return Refusal.of(403, "Forbidden", edge.fqdn() + " is a " + edge.role() + " pool, not an Edge pool");
        }
        User u = state.user(p.from()).orElse(null);
        if (u == null) {
            return noUser(p.from());
        }
        Pool home = pool(u);
        return first(signIn(u), reachable(edge), reachable(home), coexist(edge, home));
    }

    private Refusal federated(Probe p) {
        User u = state.user(p.from()).orElse(null);
        if (u == null) {
            return noUser(p.from());
        }
        Refusal partner = partner(p.to());
        if (partner != null) {
            return partner;
        }
        Pool home = pool(u);
        String route = route(p.from(), false);
        if (route == null) {
            return Refusal.of(403, "Forbidden", "site " + home.site() + " has no federation route");
        }
        Pool edge = state.pool(route).orElseThrow();
        return first(signIn(u), reachable(edge), reachable(home), coexist(edge, home));
    }

    private Refusal xmpp(Probe p) {
        User u = state.user(p.from()).orElse(null);
        if (u == null) {
            return noUser(p.from());
        }
        Refusal partner = partner(p.to());
        if (partner != null) {
            return partner;
        }
        Pool home = pool(u);
        Refusal lacking = lacks(home, Feature.Xmpp);
        if (lacking != null) {
            return lacking;
        }
        String route = route(p.from(), true);
        if (route == null) {
            return Refusal.of(403, "Forbidden", "site " + home.site() + " has no XMPP federation route");
        }
        Pool edge = state.pool(route).orElseThrow();
        return first(lacks(edge, Feature.Xmpp), reachable(edge), reachable(home));
    }

    private Refusal persistentChat(Probe p) {
        User u = state.user(p.from()).orElse(null);
        if (u == null) {
            return noUser(p.from());
        }
        Pool home = pool(u);
        return first(lacks(home, Feature.PersistentChat), reachable(home));
    }

    private Refusal reachable(Pool pool) {
        PoolState s = state.state(pool);
        switch (s) {
            case Down:
                return Refusal.of(480, "Temporarily Unavailable", "pool " + pool.fqdn() + " is down");
            case NotDeployed:
                return Refusal.of(480, "Temporarily Unavailable", "pool " + pool.fqdn() + " is not deployed");
            case Decommissioned:
                return Refusal.of(404, "Not Found", "pool " + pool.fqdn() + " was decommissioned");
            default:
                break;
        }
        Optional<ServiceState> stopped = state.firstStopped(pool);
        return stopped.map(x -> Refusal.of(503, "Service Unavailable", x.name() + " stopped on " + x.computer()))
                .orElse(null);
    }

    private Refusal coexist(Pool a, Pool b) {
        ProductVersion va = state.version(a);
        ProductVersion vb = state.version(b);
        if (state.catalog.mayCoexist(va, vb)) {
            return null;
        }
        return Refusal.of(
                488,
                "Not Acceptable Here",
                va.name() + " and " + vb.name() + " may not coexist (" + a.fqdn() + ", " + b.fqdn() + ")");
    }

    private Refusal lacks(Pool pool, Feature feature) {
        ProductVersion v = state.version(pool);
        return v.offers(feature)
                ? null
                : Refusal.of(
                        501, "Not Implemented", v.name() + " does not offer " + feature + " (" + pool.fqdn() + ")");
    }

    private Refusal partner(String domain) {
        boolean known = domain != null && state.partners().stream().anyMatch(p -> Fqdn.same(domain, p));
        return known ? null : Refusal.of(403, "Forbidden", domain + " is not a federated partner of this deployment");
    }

    private static Refusal noUser(SipAddress sip) {
        return noUser(sip.text());
    }

    private static Refusal noUser(String sip) {
        return Refusal.of(404, "Not Found", "no user " + sip + " in the deployment");
    }

    private static Refusal first(Refusal... checks) {
        for (Refusal r : checks) {
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private Pool pool(User u) {
        return state.pool(u.pool()).orElseThrow();
    }

    private Optional<Pool> homePool(String sip) {
        return state.user(sip).flatMap(u -> state.pool(u.pool()));
    }

    private Optional<Pool> homePool(SipAddress sip) {
        return state.user(sip).flatMap(u -> state.pool(u.pool()));
    }

    private String route(SipAddress sip, boolean xmpp) {
        return homePool(sip)
                .flatMap(p -> state.site(p.site()))
                .map(s -> xmpp ? s.xmppFederationRoute() : s.federationRoute())
                .flatMap(state::pool)
                .map(p -> p.fqdn().text())
                .orElse(null);
    }
}
