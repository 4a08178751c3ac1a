package io.cutover.lab.sip;

import io.cutover.catalog.Feature;
import io.cutover.deployment.PoolState;
import io.cutover.inventory.PoolRole;
import java.util.List;
import java.util.Optional;

/**
 * What the SIP servers ask of the deployment they serve, live on every request: where a user is
 * homed, whether a pool is up and its services running, which versions may talk to each other,
 * which Edge carries a site's federation. A move or a fault changes the answers, and so the next
 * request's routing, at once. The lab answers from its state; the SIP package does not know the
 * lab.
 */
public interface Directory {
    /** A pool of the topology as the SIP layer needs it. */
    record PoolInfo(String fqdn, String site, PoolRole role, String version) {}

    List<PoolInfo> pools();

    /** Federated partner domains. */
    List<String> partners();

    /** The FQDN of the pool the user (a SIP address) is homed on, or empty when there is no such user. */
    Optional<String> homeOf(String sipAddress);

    /**
     * Whether the user (a SIP address) is disabled for Lync / Skype for Business: its home pool
     * refuses its registration (403), as a real one does. False for an unknown user.
     */
    boolean isDisabled(String sipAddress);

    /** Whether the domain is one of the deployment's own SIP domains. */
    boolean isLocalDomain(String domain);

    PoolState state(String pool);

    /** The first stopped service on the pool, as "RTCSRV stopped on fe01.contoso.com", or empty. */
    Optional<String> stoppedService(String pool);

    /** Why the versions of two pools may not talk to each other, or empty when they may. */
    Optional<String> incompatible(String poolA, String poolB);

    /** Why the pool's version lacks the feature, or empty when it offers it. */
    Optional<String> lacks(String pool, Feature feature);

    /** The Edge pool the site of {@code pool} routes federated (or XMPP) traffic through, if any. */
    Optional<String> federationRoute(String pool, boolean xmpp);
}
