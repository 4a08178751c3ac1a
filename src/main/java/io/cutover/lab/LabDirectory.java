package io.cutover.lab;

import io.cutover.catalog.Feature;
import io.cutover.catalog.ProductVersion;
import io.cutover.deployment.PoolState;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import io.cutover.inventory.User;
import io.cutover.lab.sip.Directory;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The lab's state as its SIP servers see it: read live, so moves and faults route the next request. */
final class LabDirectory implements Directory {
    private final LabState state;
    private final Set<String> domains = new HashSet<>();

    LabDirectory(LabState state) {
        this.state = state;
        domains.add(Fqdn.key(state.scenario.domain()));
        for (User u : state.snapshot().users()) {
            String sip = u.sipAddress().text();
            int at = sip.indexOf('@');
            if (at >= 0) {
                domains.add(Fqdn.key(sip.substring(at + 1)));
            }
        }
    }

    @Override
    public List<PoolInfo> pools() {
        return state.pools().stream()
                .map(p -> new PoolInfo(p.fqdn().text(), p.site(), p.role(), p.version()))
                .toList();
    }

    @Override
    public List<String> partners() {
        return state.partners();
    }

    @Override
    public Optional<String> homeOf(String sipAddress) {
        return state.user(sipAddress).map(User::pool).map(Fqdn::text);
    }

    @Override
    public boolean isDisabled(String sipAddress) {
        return state.user(sipAddress).map(User::disabled).orElse(false);
    }

    @Override
    public boolean isLocalDomain(String domain) {
        return domains.contains(Fqdn.key(domain));
    }

    @Override
    public PoolState state(String pool) {
        return state.pool(pool).map(state::state).orElse(PoolState.Decommissioned);
    }

    @Override
    public Optional<String> stoppedService(String pool) {
        return state.pool(pool).flatMap(state::firstStopped).map(s -> s.name() + " stopped on " + s.computer());
    }

    @Override
    public Optional<String> incompatible(String poolA, String poolB) {
        Optional<Pool> a = state.pool(poolA);
        Optional<Pool> b = state.pool(poolB);
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        ProductVersion va = state.version(a.get());
        ProductVersion vb = state.version(b.get());
        return state.catalog.mayCoexist(va, vb)
                ? Optional.empty()
                : Optional.of(va.name() + " and " + vb.name() + " may not coexist ("
                        + a.get().fqdn() + ", " + b.get().fqdn() + ")");
    }

    @Override
    public Optional<String> lacks(String pool, Feature feature) {
        return state.pool(pool).flatMap(p -> {
            ProductVersion v = state.version(p);
            return v.offers(feature)
                    ? Optional.empty()
                    : Optional.of(v.name() + " does not offer " + feature + " (" + p.fqdn() + ")");
        });
    }

    @Override
    public Optional<String> federationRoute(String pool, boolean xmpp) {
        return state.pool(pool)
                .flatMap(p -> state.site(p.site()))
                .map(s -> xmpp ? s.xmppFederationRoute() : s.federationRoute())
                .flatMap(state::pool)
                .map(p -> p.fqdn().text());
    }

    /** Up to {@code perPool} enabled users homed on each registrar pool of {@code now}, test accounts first. */
}
