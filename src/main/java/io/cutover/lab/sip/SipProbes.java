package io.cutover.lab.sip;

import io.cutover.deployment.PoolState;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeResult;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The synthetic transactions as SIP exchanges with the lab's servers, each reporting what its
 * Test-Cs cmdlet reports. Outcomes come from the status codes on the wire: a failure's diagnosis
 * is the status line and the Warning text of the server that refused.
 *
 * <ul>
 *   <li>registration: REGISTER at the registrar the client knows (the site's Director, else the
 *       home pool from DNS; after that the last one that accepted it), following 301 to the home
 *       pool, until 200;
 *   <li>presence: both sign in, SUBSCRIBE to the other (200), and the other's home pool NOTIFYs;
 *   <li>IM: both sign in, MESSAGE, 200;
 *   <li>call: both sign in, INVITE with an SDP offer, 200 with an answer, ACK, BYE, 200;
 *   <li>conference: INVITE to the conference focus of the organiser's pool, ACK, BYE;
 *   <li>external: sign in through the Edge's external listener, then an IM through it (to the
 *       peer, or to the user's own address, which comes back out through the Edge);
 *   <li>federated: an IM out to a partner user through the site's federation route, and one from
 *       that partner user back in the same way;
 *   <li>XMPP and Persistent Chat: an IM to the XMPP gateway or to the pool's chat service.
 * </ul>
 */
public final class SipProbes {
    private final SipNetwork network;
    private final Directory directory;
    private final UserAgents agents;
    /** The registrar each user last signed in at, as a client remembers it. */
    private final Map<String, InetSocketAddress> lastRegistrar = new ConcurrentHashMap<>();

    public SipProbes(SipNetwork network, Directory directory, UserAgents agents) {
        this.network = network;
        this.directory = directory;
        this.agents = agents;
    }

    /** Why an exchange failed: the status line and the refusing server's words. */
    private static final class Refused extends Exception {
        final int status;
        final String reason;
        final String why;

        Refused(int status, String reason, String why) {
            super(status + " " + reason + ": " + why, null, false, false);
            this.status = status;
            this.reason = reason;
            this.why = why;
        }
    }

    private record Session(String aor, Listener socket, String contactUser, InetSocketAddress registrar) {}

    public ProbeResult run(Probe p, String target) {
        long started = System.nanoTime();
        try {
            exchange(p);
            return ProbeResult.success(p, target, millisSince(started));
        } catch (Refused r) {
            return ProbeResult.failure(
                    p, target, millisSince(started), r.why, r.status + " " + r.reason + ": " + r.why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.failure(
                    p, target, millisSince(started), "interrupted", "487 Request Terminated: interrupted");
        }
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private void exchange(Probe p) throws Refused, InterruptedException {
        switch (p.kind()) {
            case Registration -> register(p.from().text(), null);
            case Im -> {
                Session a = register(p.from().text(), null);
                register(p.to(), null);
                message(a, sip(p.to()), a.registrar());
            }
            case Presence -> presence(p);
            case Call -> call(p);
            case Conference -> conference(p);
            case External -> external(p);
            case Federated -> federated(p);
            case Xmpp -> {
                Session a = register(p.from().text(), null);
                message(a, "sip:probe@" + p.to() + ";gateway=xmpp", a.registrar());
            }
            case PersistentChat -> {
                Session a = register(p.from().text(), null);
                message(
                        a,
                        "sip:" + PoolServer.CHAT + "@"
                                + directory.homeOf(sip(p.from().text())).orElse("unknown"),
                        a.registrar());
            }
        }
    }

    private Session register(String user, String viaEdge) throws Refused, InterruptedException {
        String aor = sip(user);
        Listener socket = agents.socket();
        String contact = agents.newId("ep");
        InetSocketAddress at;
        if (viaEdge != null) {
            at = network.edgeExternal(viaEdge);
            if (at == null) {
                throw new Refused(404, "Not Found", "no Edge pool " + viaEdge + " in the topology");
            }
        } else {
            at = lastRegistrar.get(SipAddress.key(aor));
            if (at == null) {
                at = firstRegistrar(aor);
            }
        }
        String callId = agents.newId("reg");
        String tag = agents.newId("t");
        for (int redirects = 0; redirects <= 3; redirects++) {
            SipMessage req = agents.request(
                    socket, "REGISTER", "sip:" + domain(aor), aor, tag, aor, null, callId, redirects + 1, contact);
            req.set("Contact", req.header("Contact") + ";expires=120");
            SipMessage r = agents.send(socket, req, at);
            if (r == null) {
                throw timeout(at);
            }
            if (r.status() == 301 || r.status() == 302) {
                SipUri moved = SipUri.parse(r.header("Contact"));
                if (moved == null) {
                    throw new Refused(r.status(), r.reason(), "redirected without a Contact");
                }
                at = new InetSocketAddress(moved.host(), moved.port());
                continue;
            }
            if (r.status() >= 300) {
                throw refused(r);
            }
            if (viaEdge == null) {
                lastRegistrar.put(SipAddress.key(aor), at);
            }
            return new Session(aor, socket, contact, at);
        }
        throw new Refused(482, "Loop Detected", "more than 3 redirects registering " + aor);
    }

    /** What DNS gives a client signing in: the Director of the user's site, else the home pool. */
    private InetSocketAddress firstRegistrar(String aor) throws Refused {
        Optional<String> home = directory.homeOf(aor);
        if (home.isEmpty()) {
            // A client finds the deployment's registrar for any of its domains: any Front End.
            for (Directory.PoolInfo p : directory.pools()) {
                if (p.role() == PoolRole.FrontEnd && directory.state(p.fqdn()) == PoolState.Up) {
                    return network.poolAddress(p.fqdn());
                }
            }
            throw new Refused(404, "Not Found", "no registrar for " + aor);
        }
        String site = null;
        for (Directory.PoolInfo p : directory.pools()) {
            if (Fqdn.same(p.fqdn(), home.get())) {
                site = p.site();
            }
        }
        for (Directory.PoolInfo p : directory.pools()) {
            if (p.role() == PoolRole.Director && Site.sameName(p.site(), site)) {
                return network.poolAddress(p.fqdn());
            }
        }
        return network.poolAddress(home.get());
    }

    private void message(Session a, String to, InetSocketAddress via) throws Refused, InterruptedException {
        SipMessage req = agents.request(
                a.socket(),
                "MESSAGE",
                to,
                a.aor(),
                agents.newId("t"),
                to,
                null,
                agents.newId("im"),
                1,
                a.contactUser());
        req.body("text/plain", "coexistence probe");
        expectOk(a.socket(), req, via);
    }

    private SipMessage expectOk(Listener socket, SipMessage req, InetSocketAddress via)
            throws Refused, InterruptedException {
        SipMessage r = agents.send(socket, req, via);
        if (r == null) {
            throw timeout(via);
        }
        if (r.status() >= 300) {
            throw refused(r);
        }
        return r;
    }

    private void presence(Probe p) throws Refused, InterruptedException {
        Session a = register(p.from().text(), null);
        register(p.to(), null);
        String to = sip(p.to());
        String callId = agents.newId("sub");
        CompletableFuture<SipMessage> notify = agents.expectNotify(callId);
        try {
            SipMessage req = agents.request(
                    a.socket(), "SUBSCRIBE", to, a.aor(), agents.newId("t"), to, null, callId, 1, a.contactUser());
            req.add("Event", "presence");
            req.add("Expires", "60");
            expectOk(a.socket(), req, a.registrar());
            try {
                notify.get(agents.timeoutMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new Refused(
                        408, "Request Timeout", "the subscription to " + to + " was accepted but no NOTIFY came");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        } finally {
            agents.forgetNotify(callId);
        }
    }

    private void call(Probe p) throws Refused, InterruptedException {
        Session a = register(p.from().text(), null);
        register(p.to(), null);
        invite(a, sip(p.to()), sip(p.to()));
    }

    private void conference(Probe p) throws Refused, InterruptedException {
        Session a = register(p.from().text(), null);
        String organizer = sip(p.to());
        String id = Integer.toHexString(SipAddress.key(organizer).hashCode()).toUpperCase(Locale.ROOT);
        invite(a, organizer + ";gruu;opaque=app:conf:focus:id:" + id, organizer);
    }

    /** INVITE with an offer, 200 with an answer, ACK and BYE straight to the far end's Contact. */
    private void invite(Session a, String uri, String toAor) throws Refused, InterruptedException {
        String callId = agents.newId("call");
        String tag = agents.newId("t");
        SipMessage invite =
                agents.request(a.socket(), "INVITE", uri, a.aor(), tag, toAor, null, callId, 1, a.contactUser());
        invite.body("application/sdp", Sdp.offer("127.0.0.1", System.nanoTime() & 0xffffff));
        SipMessage ok = expectOk(a.socket(), invite, a.registrar());
        if (!Sdp.isAnswer(ok.body())) {
            throw new Refused(488, "Not Acceptable Here", "the 200 OK to the INVITE carried no SDP answer");
        }
        SipUri remote = SipUri.parse(ok.header("Contact"));
        if (remote == null) {
            throw new Refused(ok.status(), ok.reason(), "the 200 OK to the INVITE carried no Contact");
        }
        InetSocketAddress far = new InetSocketAddress(remote.host(), remote.port());
        String toTag = SipUri.tag(ok.header("To"));
        String target =
                "sip:" + (remote.user() == null ? "" : remote.user() + "@") + remote.host() + ":" + remote.port();
        SipMessage ack =
                agents.request(a.socket(), "ACK", target, a.aor(), tag, toAor, toTag, callId, 1, a.contactUser());
        a.socket().send(ack, far);
        SipMessage bye =
                agents.request(a.socket(), "BYE", target, a.aor(), tag, toAor, toTag, callId, 2, a.contactUser());
        expectOk(a.socket(), bye, far);
    }

    private void external(Probe p) throws Refused, InterruptedException {
        Session ext = register(p.from().text(), p.via() == null ? null : p.via().text());
        String peer = p.to() == null ? ext.aor() : sip(p.to());
        if (p.to() != null) {
            register(p.to(), null);
        }
        message(ext, peer, ext.registrar());
    }

    private void federated(Probe p) throws Refused, InterruptedException {
        Session a = register(p.from().text(), null);
        String partnerUser = "sip:probe@" + p.to();
        message(a, partnerUser, a.registrar());
        InetSocketAddress partner = network.partnerAddress(p.to());
        if (partner == null) {
            throw new Refused(403, "Forbidden", p.to() + " is not a federated partner of this deployment");
        }
        // The partner's user answers back: in through the partner's proxy and the site's federation route.
        Listener socket = agents.socket();
        SipMessage back = agents.request(
                socket,
                "MESSAGE",
                a.aor(),
                partnerUser,
                agents.newId("t"),
                a.aor(),
                null,
                agents.newId("fed"),
                1,
                "probe");
        back.body("text/plain", "coexistence probe, federated reply");
        expectOk(socket, back, partner);
    }

    private Refused timeout(InetSocketAddress at) {
        String who = network.serverAt(at);
        if (who == null) {
            who = network.partnerAt(at);
        }
        return new Refused(
                408,
                "Request Timeout",
                "no answer from " + (who == null ? at.toString() : who) + " within " + agents.timeoutMillis() + " ms");
    }

    private static Refused refused(SipMessage r) {
        String warning = r.header("Warning");
        String why = r.reason();
        if (warning != null) {
            int q = warning.indexOf('"');
            int e = warning.lastIndexOf('"');
            if (q >= 0 && e > q) {
                why = warning.substring(q + 1, e);
            }
        }
        return new Refused(r.status(), r.reason(), why);
    }

    static String sip(String user) {
        if (user == null) {
            return null;
        }
        return "sip:" + SipAddress.withoutScheme(user);
    }

    private static String domain(String aor) {
        int at = aor.indexOf('@');
        return at < 0 ? aor.substring(4) : aor.substring(at + 1);
    }
}
