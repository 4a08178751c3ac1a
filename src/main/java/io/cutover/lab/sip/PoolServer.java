package io.cutover.lab.sip;

import io.cutover.catalog.Feature;
import io.cutover.deployment.PoolState;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.PoolRole;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A registrar pool (Front End, Standard Edition or Director) as a SIP server: registrar for the
 * users homed on it (others are redirected, 301, to their home pool), proxy to the other pools and
 * to the site's federation Edge, presence agent for its users (SUBSCRIBE answered with a NOTIFY),
 * conference focus for meetings organised by its users, and the Persistent Chat endpoint of its
 * version. Every decision is taken from the {@link Directory} on the request, so a move, a fault or
 * a route change is in force for the next request.
 */
final class PoolServer extends SipServer {
    /** The user part addressing a pool's own Persistent Chat service. */
    static final String CHAT = "ocschat";
    /** The user part addressing a pool's conference focus directly (an ad hoc conference). */
    static final String FOCUS = "focus";
    /** Conferences remembered between INVITE and BYE, oldest forgotten first beyond this. */
    private static final int MAX_CONFERENCES = 10_000;

    private final PoolRole role;
    private final Listener listener;
    private final Registrations registrations = new Registrations();
    private final Map<String, Boolean> conferences =
            Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_CONFERENCES;
                }
            });

    PoolServer(String fqdn, PoolRole role, Directory directory, SipNetwork network) {
        super(fqdn, directory, network);
        this.role = role;
        this.listener = Listener.open(fqdn, this::onMessage);
        listener.answerOnlyWhile(() -> directory.state(fqdn) == PoolState.Up);
    }

    InetSocketAddress address() {
        return listener.address();
    }

    @Override
    List<Listener> listeners() {
        return List.of(listener);
    }

    Registrations registrations() {
        return registrations;
    }

    @Override
    void onRequest(SipMessage request, Listener.Flow from) {
        if (directory.state(fqdn) != PoolState.Up) {
            return; // a pool that is down, not deployed or gone answers nothing: clients time out
        }
        String method = request.method();
        Optional<String> stopped = directory.stoppedService(fqdn);
        if (stopped.isPresent()) {
            refuse(request, from, 503, "Service Unavailable", stopped.get());
            return;
        }
        String previous = network.serverAt(from.remote());
        if (previous != null && !Fqdn.same(previous, fqdn)) {
            Optional<String> why = directory.incompatible(previous, fqdn);
            if (why.isPresent()) {
                refuse(request, from, 488, "Not Acceptable Here", why.get());
                return;
            }
        }
        SipUri ruri = SipUri.parse(request.uri());
        if (ruri == null) {
            refuse(request, from, 416, "Unsupported URI Scheme", "only sip: URIs are served here");
            return;
        }
        if ("REGISTER".equals(method)) {
            register(request, from, previous);
            return;
        }
        if (addressesMe(ruri)) {
            own(request, from, ruri);
            return;
        }
        if ("ACK".equals(method)) {
            return; // the ACK of an error this server or a later hop answered: absorbed (stateless)
        }
        String focusId = ruri.param("opaque");
        if (focusId != null && focusId.startsWith("app:conf:focus:")) {
            conference(request, from, ruri, previous);
            return;
        }
        route(request, from, ruri);
    }

    private boolean addressesMe(SipUri ruri) {
        InetSocketAddress me = listener.address();
        return Fqdn.same(ruri.host(), fqdn)
                || (ruri.host().equals(me.getAddress().getHostAddress()) && ruri.port() == me.getPort());
    }

    /** Requests for the pool itself: keep-alive OPTIONS, the focus, the chat service. */
    private void own(SipMessage request, Listener.Flow from, SipUri ruri) {
        String user = ruri.user() == null ? "" : ruri.user();
        if (user.startsWith(FOCUS)) {
            focus(request, from);
        } else if (user.equals(CHAT)) {
            chat(request, from);
        } else if ("OPTIONS".equals(request.method()) || user.isEmpty()) {
            answer(
                    request,
                    from,
                    ok(request)
                            .add("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, SUBSCRIBE, NOTIFY, REGISTER"));
        } else if (!"ACK".equals(request.method())) {
            refuse(request, from, 404, "Not Found", "no service " + user + " on " + fqdn);
        }
    }

    private void register(SipMessage request, Listener.Flow from, String previous) {
        SipUri to = SipUri.parse(request.header("To"));
        if (to == null) {
            refuse(request, from, 400, "Bad Request", "the To header holds no sip: URI");
            return;
        }
        String aor = to.aor();
        Optional<String> home = directory.homeOf(aor);
        if (home.isEmpty()) {
            refuse(request, from, 404, "Not Found", "no user " + aor + " in the deployment");
            return;
        }
        if (!Fqdn.same(home.get(), fqdn)) {
            InetSocketAddress there = network.poolAddress(home.get());
            if (previous != null && network.isEdge(previous)) {
                // A remote user's sign-in reached us through an Edge: the client cannot reach the
                // home pool itself, so the request is proxied there rather than redirected.
                if (nextHopUp(home.get(), request, from)) {
                    forward(request, from, listener, request.copy(), there);
                }
                return;
            }
            SipMessage r = SipMessage.response(request, 301, "Moved Permanently");
            r.add(
                    "Contact",
                    "<sip:" + there.getAddress().getHostAddress() + ":" + there.getPort()
                            + ("TCP".equals(from.transport()) ? ";transport=tcp" : "") + ">");
            r.add("Warning", WARNING_CODE + " " + fqdn + " \"" + aor + " is homed on " + home.get() + "\"");
            answer(request, from, r);
            return;
        }
        if (role != PoolRole.FrontEnd) {
            refuse(request, from, 403, "Forbidden", fqdn + " is a " + role + " and homes no users");
            return;
        }
        if (directory.isDisabled(aor)) {
            refuse(request, from, 403, "Forbidden", aor + " is disabled for Lync / Skype for Business (Enabled False)");
            return;
        }
        Registrations.Result result = registrations.update(aor, request, from);
        if (result.error() != null) {
            refuse(request, from, 400, "Bad Request", result.error());
            return;
        }
        SipMessage r = ok(request);
        for (String c : result.contacts()) {
            r.add("Contact", c);
        }
        answer(request, from, r);
    }

    /** Routes a request for a user: here, to the user's home pool, or out through federation. */
    private void route(SipMessage request, Listener.Flow from, SipUri ruri) {
        String domain = domainOf(ruri);
        if (directory.isLocalDomain(domain)) {
            String aor = ruri.aor();
            Optional<String> home = directory.homeOf(aor);
            if (home.isEmpty()) {
                refuse(request, from, 404, "Not Found", "no user " + aor + " in the deployment");
                return;
            }
            if (!Fqdn.same(home.get(), fqdn)) {
                if (nextHopUp(home.get(), request, from)) {
                    forward(request, from, listener, request.copy(), network.poolAddress(home.get()));
                }
                return;
            }
            if ("SUBSCRIBE".equals(request.method())) {
                presence(request, from, aor);
                return;
            }
            deliver(request, from, aor);
            return;
        }
        if (directory.partners().stream().anyMatch(p -> Fqdn.same(domain, p))) {
            boolean xmpp = ruri.viaXmppGateway();
            if (xmpp) {
                Optional<String> lacking = directory.lacks(fqdn, Feature.Xmpp);
                if (lacking.isPresent()) {
                    refuse(request, from, 501, "Not Implemented", lacking.get());
                    return;
                }
            }
            Optional<String> route = directory.federationRoute(fqdn, xmpp);
            if (route.isEmpty()) {
                refuse(
                        request,
                        from,
                        403,
                        "Forbidden",
                        "the site of " + fqdn + " has no " + (xmpp ? "XMPP " : "") + "federation route");
                return;
            }
            if (nextHopUp(route.get(), request, from)) {
                forward(request, from, listener, request.copy(), network.edgeInternal(route.get()));
            }
            return;
        }
        refuse(request, from, 403, "Forbidden", domain + " is not a federated partner of this deployment");
    }

    /** Sends a request to the user's most recent registration here (no forking: a stateless proxy does not fork). */
    private void deliver(SipMessage request, Listener.Flow from, String aor) {
        Optional<Registrations.Binding> binding = registrations.latest(aor);
        if (binding.isEmpty()) {
            refuse(request, from, 480, "Temporarily Unavailable", aor + " is not signed in");
            return;
        }
        Registrations.Binding b = binding.get();
        SipMessage copy = request.withUri(b.contact());
        if (b.path() != null) {
            // Registered through an Edge (RFC 3327 Path): the request goes back out the same way.
            copy.addFirst("Route", b.path());
            SipUri path = SipUri.parse(b.path());
            forward(request, from, listener, copy, new InetSocketAddress(path.host(), path.port()));
            return;
        }
        if (b.flow() != null) {
            String max = copy.header("Max-Forwards");
            copy.set(
                    "Max-Forwards", Integer.toString(max == null ? 69 : Math.max(0, Integer.parseInt(max.trim()) - 1)));
            String previous = copy.removeFirst("Via");
            copy.addFirst("Via", Via.stamp(previous, from.remote()));
            copy.addFirst(
                    "Via",
                    Via.of("TCP", listener.address(), Via.MAGIC + Integer.toHexString(previous.hashCode()) + "t")
                            + ";ls=" + from.listener().name());
            listener.send(copy, b.flow());
            return;
        }
        SipUri c = SipUri.parse(b.contact());
        forward(request, from, listener, copy, new InetSocketAddress(c.host(), c.port() < 0 ? 5060 : c.port()));
    }

    /** The presence agent for a user homed here: the subscription is accepted and the state notified. */
    private void presence(SipMessage request, Listener.Flow from, String aor) {
        String event = request.header("Event");
        if (event == null || !event.trim().regionMatches(true, 0, "presence", 0, "presence".length())) {
            refuse(request, from, 489, "Bad Event", "only the presence event package is served");
            return;
        }
        SipMessage r = SipMessage.response(request, 200, "OK");
        tagTo(r, request);
        r.add("Expires", "60");
        r.add("Contact", "<sip:" + listener.address().getAddress().getHostAddress() + ":" + listener.port() + ">");
        from.listener().reply(r, from);
        SipUri subscriber = SipUri.parse(request.header("Contact"));
        if (subscriber == null) {
            return;
        }
        boolean online = registrations.latest(aor).isPresent();
        SipMessage notify = SipMessage.request(
                "NOTIFY",
                "sip:" + (subscriber.user() == null ? "" : subscriber.user() + "@") + subscriber.host() + ":"
                        + subscriber.port());
        notify.add("Via", Via.of("UDP", listener.address(), Via.MAGIC + Long.toHexString(System.nanoTime())));
        notify.add("Max-Forwards", "70");
        notify.add("From", r.header("To"));
        notify.add("To", request.header("From"));
        notify.add("Call-ID", request.callId());
        notify.add("CSeq", "1 NOTIFY");
        notify.add("Event", "presence");
        notify.add("Subscription-State", "active;expires=60");
        notify.add("Contact", "<sip:" + listener.address().getAddress().getHostAddress() + ":" + listener.port() + ">");
        notify.body(
                "application/pidf+xml",
                "<?xml version=\"1.0\"?>\n<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"" + aor
                        + "\"><tuple id=\"t1\"><status><basic>" + (online ? "open" : "closed")
                        + "</basic></status></tuple></presence>\n");
        listener.send(
                notify, new InetSocketAddress(subscriber.host(), subscriber.port() < 0 ? 5060 : subscriber.port()));
    }

    private void conference(SipMessage request, Listener.Flow from, SipUri ruri, String previous) {
        String organizer = ruri.aor();
        Optional<String> home = directory.homeOf(organizer);
        if (home.isEmpty()) {
            refuse(request, from, 404, "Not Found", "no organizer " + organizer + " in the deployment");
            return;
        }
        if (!Fqdn.same(home.get(), fqdn)) {
            if (nextHopUp(home.get(), request, from)) {
                forward(request, from, listener, request.copy(), network.poolAddress(home.get()));
            }
            return;
        }
        focus(request, from);
    }

    /** The conference focus: INVITE answered with an SDP answer, ACK absorbed, BYE ends it. */
    private void focus(SipMessage request, Listener.Flow from) {
        String method = request.method();
        if ("INVITE".equals(method)) {
            conferences.put(request.callId(), Boolean.TRUE);
            SipMessage r = ok(request);
            r.add(
                    "Contact",
                    "<sip:" + FOCUS + "@" + listener.address().getAddress().getHostAddress() + ":" + listener.port()
                            + ("TCP".equals(from.transport()) ? ";transport=tcp" : "") + ">");
            r.body("application/sdp", Sdp.answer(listener.address().getAddress().getHostAddress(), request.body()));
            answer(request, from, r);
        } else if ("BYE".equals(method)) {
            if (conferences.remove(request.callId()) == null) {
                refuse(
                        request,
                        from,
                        481,
                        "Call/Transaction Does Not Exist",
                        "no conference with Call-ID " + request.callId());
            } else {
                answer(request, from, ok(request));
            }
        } else if (!"ACK".equals(method)) {
            answer(request, from, ok(request));
        }
    }

    private void chat(SipMessage request, Listener.Flow from) {
        Optional<String> lacking = directory.lacks(fqdn, Feature.PersistentChat);
        if (lacking.isPresent()) {
            refuse(request, from, 501, "Not Implemented", lacking.get());
        } else if (!"ACK".equals(request.method())) {
            answer(request, from, ok(request));
        }
    }

    private static SipMessage ok(SipMessage request) {
        return SipMessage.response(request, 200, "OK");
    }
}
