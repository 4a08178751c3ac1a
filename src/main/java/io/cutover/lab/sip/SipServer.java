package io.cutover.lab.sip;

import io.cutover.inventory.Fqdn;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A lab server speaking SIP: the stateless-proxy mechanics the registrar pools, the Edges and the
 * partner proxies share (RFC 3261 section 16.11): a forwarded request gets this server's Via with
 * a branch derived from the previous one, so that a retransmission is forwarded the same way; a
 * response pops that Via and follows the next. Nothing is kept per transaction, so a flood of
 * requests costs no memory, and a lost datagram is recovered by the client's retransmission.
 */
abstract sealed class SipServer implements AutoCloseable permits PoolServer, EdgeServer, PartnerProxy {
    static final String WARNING_CODE = "399";

    final String fqdn;
    final Directory directory;
    final SipNetwork network;

    SipServer(String fqdn, Directory directory, SipNetwork network) {
        this.fqdn = fqdn;
        this.directory = directory;
        this.network = network;
    }

    abstract List<Listener> listeners();

    /** Handles one request read on {@code listener}. */
    abstract void onRequest(SipMessage request, Listener.Flow from);

    final void onMessage(SipMessage m, Listener.Flow from) {
        if (m.isRequest()) {
            onRequest(m, from);
        } else {
            relayResponse(m, from);
        }
    }

    /** Pops this server's Via and sends the response on to the next, from the listener the request came in on. */
    final void relayResponse(SipMessage response, Listener.Flow from) {
        Via top = response.topVia();
        Listener mine = null;
        for (Listener l : listeners()) {
            if (top != null && top.sentBy(l.address())) {
                mine = l;
            }
        }
        if (mine == null) {
            return; // not ours: a stray or forged response is dropped (RFC 3261 section 16.7 step 3)
        }
        SipMessage r = response.copy();
        r.removeFirst("Via");
        Via next = r.topVia();
        if (next == null) {
            return; // the answer to a request this server sent itself (a NOTIFY): nothing waits for it
        }
        Listener back = listenerNamed(top.params().get("ls"));
        back.send(r, new Listener.Flow(next.transport(), next.replyTo(), back));
    }

    private Listener listenerNamed(String name) {
        for (Listener l : listeners()) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return listeners().get(0);
    }

    /**
     * Forwards a request statelessly: received/rport stamped on the previous hop's Via, this
     * server's Via on top, Max-Forwards decremented (483 when it runs out), sent over UDP from
     * {@code out} to {@code to}.
     */
    final void forward(SipMessage request, Listener.Flow from, Listener out, SipMessage copy, InetSocketAddress to) {
        String max = copy.header("Max-Forwards");
        int hops = max == null ? 70 : Integer.parseInt(max.trim());
        if (hops <= 0) {
            refuse(request, from, 483, "Too Many Hops", "Max-Forwards reached 0 at " + fqdn);
            return;
        }
        copy.set("Max-Forwards", Integer.toString(hops - 1));
        String previous = copy.removeFirst("Via");
        copy.addFirst("Via", Via.stamp(previous, from.remote()));
        String branch = Via.MAGIC
                + Integer.toHexString((fqdn + "|" + request.topVia().branch() + "|" + request.callId()).hashCode())
                + Long.toHexString(Integer.toUnsignedLong(previous.hashCode()));
        copy.addFirst(
                "Via",
                Via.of("UDP", out.address(), branch) + ";ls=" + from.listener().name());
        out.send(copy, to);
    }

    /** Answers a request with an error, the reason in a Warning header (RFC 3261 section 20.43). */
    final void refuse(SipMessage request, Listener.Flow from, int status, String reason, String why) {
        if ("ACK".equals(request.method())) {
            return;
        }
        SipMessage r = SipMessage.response(request, status, reason);
        tagTo(r, request);
        r.add("Warning", WARNING_CODE + " " + fqdn + " \"" + why.replace('"', '\'') + "\"");
        r.add("Server", "cutover-lab " + fqdn);
        from.listener().reply(r, from);
    }

    final void answer(SipMessage request, Listener.Flow from, SipMessage response) {
        tagTo(response, request);
        from.listener().reply(response, from);
    }

    /** A To tag derived from the Call-ID, so a retransmitted request gets the same answer. */
    static void tagTo(SipMessage r, SipMessage request) {
        String to = r.header("To");
        if (to != null && SipUri.tag(to) == null) {
            r.set("To", to + ";tag=" + Integer.toHexString((request.callId() + "|" + request.cseqMethod()).hashCode()));
        }
    }

    /**
     * Whether the next hop can take a request; when not, answers as a real proxy does once its
     * peer is marked down (480) or gone (404), and returns false.
     */
    final boolean nextHopUp(String pool, SipMessage request, Listener.Flow from) {
        switch (directory.state(pool)) {
            case Up:
                return true;
            case Down:
                refuse(request, from, 480, "Temporarily Unavailable", "pool " + pool + " is down");
                return false;
            case NotDeployed:
                refuse(request, from, 480, "Temporarily Unavailable", "pool " + pool + " is not deployed");
                return false;
            default:
                refuse(request, from, 404, "Not Found", "pool " + pool + " was decommissioned");
                return false;
        }
    }

    static String domainOf(SipUri uri) {
        return Fqdn.key(uri.host());
    }

    @Override
    public void close() {
        for (Listener l : listeners()) {
            l.close();
        }
    }
}
