package io.cutover.lab.sip;

import io.cutover.inventory.Fqdn;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * A federated partner's own deployment, reduced to its proxy: it answers for the partner's users
 * (every address of its domain is a signed-in user that accepts IM, calls and subscriptions), and
 * carries its users' requests to the Edge the partner would find in DNS for the addressed user's
 * site: that site's federation route.
 */
final class PartnerProxy extends SipServer {
    private final Listener listener;

    PartnerProxy(String domain, Directory directory, SipNetwork network) {
        super(domain, directory, network);
        this.listener = Listener.open(domain, this::onMessage);
    }

    InetSocketAddress address() {
        return listener.address();
    }

    @Override
    List<Listener> listeners() {
        return List.of(listener);
    }

    @Override
    void onRequest(SipMessage request, Listener.Flow from) {
        String method = request.method();
        if ("ACK".equals(method)) {
            return;
        }
        SipUri ruri = SipUri.parse(request.uri());
        if (ruri == null) {
            refuse(request, from, 416, "Unsupported URI Scheme", "only sip: URIs are served here");
            return;
        }
        if (Fqdn.same(domainOf(ruri), fqdn) || ruri.port() == listener.port()) {
            SipMessage ok = SipMessage.response(request, 200, "OK");
            if ("INVITE".equals(method)) {
                ok.add(
                        "Contact",
                        "<sip:" + (ruri.user() == null ? "" : ruri.user() + "@") + "127.0.0.1:" + listener.port()
                                + ">");
                ok.body("application/sdp", Sdp.answer("127.0.0.1", request.body()));
            } else if ("SUBSCRIBE".equals(method)) {
                ok.add("Expires", "60");
            }
            answer(request, from, ok);
            return;
        }
        if (!directory.isLocalDomain(domainOf(ruri))) {
            refuse(request, from, 404, "Not Found", fqdn + " knows no route to " + domainOf(ruri));
            return;
        }
        Optional<String> home = directory.homeOf(ruri.aor());
        if (home.isEmpty()) {
            refuse(request, from, 404, "Not Found", "no user " + ruri.aor());
            return;
        }
        Optional<String> edge = directory.federationRoute(home.get(), false);
        if (edge.isEmpty()) {
            refuse(request, from, 404, "Not Found", "the site of " + ruri.aor() + " publishes no federation Edge");
            return;
        }
        if (nextHopUp(edge.get(), request, from)) {
            forward(request, from, listener, request.copy(), network.edgeExternal(edge.get()));
        }
    }
}
