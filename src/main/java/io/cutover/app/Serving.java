package io.cutover.app;

import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import io.cutover.lab.Lab;
import io.cutover.lab.sip.SipNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * A lab serving SIP on loopback until closed: what {@code cutover lab serve} announces, one line
 * per listening pool, per partner proxy and per test user.
 */
public record Serving(Lab lab, List<PoolLine> pools, List<PartnerLine> partners, List<UserLine> users)
        implements AutoCloseable {
    /** A pool's listener; an Edge has two, told apart by {@code side} (internal, external). */
    public record PoolLine(
            String pool, String role, String version, String sip, List<String> transports, String side) {}

    public record PartnerLine(String partner, String sip, List<String> transports) {}

    public record UserLine(SipAddress user, Fqdn pool, boolean test) {}

    static Serving of(Lab lab, int usersPerPool) {
        SipNetwork network = lab.sipNetwork().orElseThrow();
        List<PoolLine> pools = new ArrayList<>();
        List<PartnerLine> partners = new ArrayList<>();
        for (SipNetwork.Endpoint e : network.endpoints()) {
            String sip = e.sip().getAddress().getHostAddress() + ":" + e.sip().getPort();
            if ("FederatedPartner".equals(e.role())) {
                partners.add(new PartnerLine(e.name(), sip, List.of("udp", "tcp")));
            } else {
                pools.add(new PoolLine(e.name(), e.role(), e.version(), sip, List.of("udp", "tcp"), e.side()));
            }
        }
        List<UserLine> users = new ArrayList<>();
        for (User u : lab.usersByPool(usersPerPool)) {
            users.add(new UserLine(u.sipAddress(), u.pool(), u.test()));
        }
        return new Serving(lab, List.copyOf(pools), List.copyOf(partners), List.copyOf(users));
    }

    @Override
    public void close() {
        lab.close();
    }
}
