package io.cutover.plan;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import io.cutover.plan.Scope.SiteScope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The pilot users the options name, by lower-cased SIP address: each must be in the inventory,
 * homed on a legacy Front End pool the plan moves, and not retained; the first that is not is refused.
 */
final class Pilots {
    private final PlanOptions options;
    private final List<SiteScope> sites;
    private final Map<Fqdn, List<User>> usersByPool;
    private final Map<SipAddress, Retained> retainedBySip;

    /** Reads the options, sites, users and retained users of {@code scope}, which must already hold them. */
    Pilots(Scope scope) {
        this.options = scope.options;
        this.sites = scope.sites;
        this.usersByPool = scope.usersByPool;
        this.retainedBySip = scope.retainedBySip;
    }

    Set<SipAddress> pilots() {
        Set<SipAddress> keys = new TreeSet<>();
        Map<SipAddress, User> bySip = new HashMap<>();
        usersByPool.values().forEach(list -> list.forEach(u -> bySip.put(u.sipAddress(), u)));
        Set<Fqdn> legacyFrontEnds = sites.stream()
                .flatMap(s -> s.legacyFrontEnds().stream())
                .map(Pool::fqdn)
                .collect(Collectors.toSet());
        List<String> listed = options.pilotUsers().stream()
                .map(SipAddress::key)
                .distinct()
                .sorted()
                .toList();
        for (String text : listed) {
            SipAddress sip = SipAddress.looksLikeOne(text) ? SipAddress.of(text) : null;
            User u = sip == null ? null : bySip.get(sip);
            if (u == null) {
                throw new CutoverException(
                        ErrorCode.UNKNOWN_USER,
                        "pilot user " + text + " is not in the inventory; check the SIP address (sip:name@domain)");
            }
            if (!legacyFrontEnds.contains(u.pool())) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        "pilot user " + u.sipAddress() + " is homed on " + u.pool()
                                + ", which is not a legacy Front End pool; pick pilot users the plan moves");
            }
            if (u.disabled()) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        "pilot user " + u.sipAddress()
                                + " is disabled (Enabled False) and cannot sign in; pick an enabled pilot user");
            }
            Retained r = retainedBySip.get(sip);
            if (r != null) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        "pilot user " + u.sipAddress() + " cannot move: " + r.reason() + "; pick another pilot user");
            }
            keys.add(u.sipAddress());
        }
        return Set.copyOf(keys);
    }
}
