package io.cutover.lab.sip;

import io.cutover.catalog.Feature;
import io.cutover.deployment.PoolState;
import io.cutover.inventory.Fqdn;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * An Edge pool as a SIP proxy with two listeners, as the real one has two interfaces: the
 * external one faces remote users and federated partners, the internal one the pools. Remote
 * users' requests go in to the home pool of the user they address (a sign-in gets a Path back to
 * this Edge, RFC 3327); federated traffic goes out to the partner's proxy only when this Edge is
 * the federation route of the sending pool's site, and comes in only for users whose site routes
 * federation here, as a real Edge with federation disabled refuses it.
 */
final class EdgeServer extends SipServer {
    private final Listener internal;
    private final Listener external;

    EdgeServer(String fqdn, Directory directory, SipNetwork network) {
        super(fqdn, directory, network);
        this.internal = Listener.open(fqdn + "/internal", this::onMessage);
        Listener ext;
        try {
            ext = Listener.open(fqdn + "/external", this::onMessage);
        } catch (RuntimeException e) {
            internal.close();
            throw e;
        }
        this.external = ext;
        internal.answerOnlyWhile(() -> directory.state(fqdn) == PoolState.Up);
        external.answerOnlyWhile(() -> directory.state(fqdn) == PoolState.Up);
    }

    InetSocketAddress internalAddress() {
        return internal.address();
    }

    InetSocketAddress externalAddress() {
        return external.address();
    }

    @Override
    List<Listener> listeners() {
        return List.of(internal, external);
    }

    @Override
    void onRequest(SipMessage request, Listener.Flow from) {
        if (directory.state(fqdn) != PoolState.Up) {
            return;
        }
        if ("ACK".equals(request.method())) {
            return;
        }
        Optional<String> stopped = directory.stoppedService(fqdn);
        if (stopped.isPresent()) {
            refuse(request, from, 503, "Service Unavailable", stopped.get());
            return;
        }
        SipUri ruri = SipUri.parse(request.uri());
        if (ruri == null) {
            refuse(request, from, 416, "Unsupported URI Scheme", "only sip: URIs are served here");
            return;
        }
        if (from.listener() == internal) {
            fromInside(request, from, ruri);
        } else {
            fromOutside(request, from, ruri);
        }
    }

    private void fromInside(SipMessage request, Listener.Flow from, SipUri ruri) {
        String route = request.header("Route");
        SipUri r = route == null ? null : SipUri.parse(route);
        if (r != null && r.port() == internal.port()) {
            // A request for a remote user registered through this Edge: out to the Request-URI.
            SipMessage copy = request.copy();
            copy.removeFirst("Route");
            forward(
                    request,
                    from,
                    external,
                    copy,
                    new InetSocketAddress(ruri.host(), ruri.port() < 0 ? 5060 : ruri.port()));
            return;
        }
        String previous = network.serverAt(from.remote());
        if (previous != null) {
            Optional<String> why = directory.incompatible(previous, fqdn);
            if (why.isPresent()) {
                refuse(request, from, 488, "Not Acceptable Here", why.get());
                return;
            }
        }
        String domain = domainOf(ruri);
        InetSocketAddress partner = network.partnerAddress(domain);
        if (partner == null) {
            refuse(request, from, 403, "Forbidden", domain + " is not a federated partner of this deployment");
            return;
        }
        boolean xmpp = ruri.viaXmppGateway();
        if (xmpp) {
            Optional<String> lacking = directory.lacks(fqdn, Feature.Xmpp);
            if (lacking.isPresent()) {
                refuse(request, from, 501, "Not Implemented", lacking.get());
                return;
            }
        }
        if (previous == null || !routesHere(previous, xmpp)) {
            refuse(
                    request,
                    from,
                    403,
                    "Forbidden",
                    (xmpp ? "XMPP " : "") + "federation is not enabled on " + fqdn
                            + (previous == null ? "" : " for the site of " + previous));
            return;
        }
        forward(request, from, external, request.copy(), partner);
    }

    private void fromOutside(SipMessage request, Listener.Flow from, SipUri ruri) {
        boolean register = "REGISTER".equals(request.method());
        SipUri target = register ? SipUri.parse(request.header("To")) : ruri;
        if (target == null || !directory.isLocalDomain(domainOf(target))) {
            refuse(request, from, 403, "Forbidden", fqdn + " relays only to users of this deployment");
            return;
        }
        String aor = target.aor();
        Optional<String> home = directory.homeOf(aor);
        if (home.isEmpty()) {
            refuse(request, from, 404, "Not Found", "no user " + aor + " in the deployment");
            return;
        }
        if (network.partnerAt(from.remote()) != null && !routesHere(home.get(), false)) {
            refuse(
                    request,
                    from,
                    403,
                    "Forbidden",
                    "federation is not enabled on " + fqdn + " for the site of " + home.get());
            return;
        }
        if (!nextHopUp(home.get(), request, from)) {
            return;
        }
        SipMessage copy = request.copy();
        if (register) {
            copy.addFirst(
                    "Path",
                    "<sip:" + internal.address().getAddress().getHostAddress() + ":" + internal.port() + ";lr>");
        }
        forward(request, from, internal, copy, network.poolAddress(home.get()));
    }

    private boolean routesHere(String pool, boolean xmpp) {
        return directory
                .federationRoute(pool, xmpp)
                .map(route -> Fqdn.same(fqdn, route))
                .orElse(false);
    }
}
