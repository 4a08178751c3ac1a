package io.cutover.lab.sip;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SIP user agents the synthetic transactions run as: many endpoints multiplexed on a few
 * sockets, as a load-testing client does. Client transactions are matched by Via branch and
 * retransmitted over UDP with timer A's doubling (RFC 3261 section 17.1.1.2) until a final
 * response or the timeout. As UAS every endpoint answers what a signed-in client answers: MESSAGE,
 * INVITE (with an SDP answer), BYE, NOTIFY, OPTIONS.
 */
public final class UserAgents implements AutoCloseable {
    private final List<Listener> sockets = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, CompletableFuture<SipMessage>> transactions = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<SipMessage>> notifies = new ConcurrentHashMap<>();
    private final long t1Millis;
    private final long timeoutMillis;

    public UserAgents(int sockets, long t1Millis, long timeoutMillis) {
        this.t1Millis = t1Millis;
        this.timeoutMillis = timeoutMillis;
        try {
            for (int i = 0; i < sockets; i++) {
                this.sockets.add(Listener.open("agent-" + i, this::onMessage));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /** A socket to run one endpoint on, round robin. */
    Listener socket() {
        return sockets.get(Math.floorMod(next.getAndIncrement(), sockets.size()));
    }

    String newId(String prefix) {
        return prefix + Long.toString(ids.incrementAndGet(), 36) + Long.toString(System.nanoTime() & 0xffffff, 36);
    }

    /** A request from an endpoint on {@code socket}, with a fresh Via branch. */
    SipMessage request(
            Listener socket,
            String method,
            String uri,
            String from,
            String fromTag,
            String to,
            String toTag,
            String callId,
            int cseq,
            String contactUser) {
        InetSocketAddress me = socket.address();
        SipMessage m = SipMessage.request(method, uri);
        m.add("Via", Via.of("UDP", me, Via.MAGIC + newId("b")));
        m.add("Max-Forwards", "70");
        m.add("From", "<" + from + ">;tag=" + fromTag);
        m.add("To", "<" + to + ">" + (toTag == null ? "" : ";tag=" + toTag));
        m.add("Call-ID", callId);
        m.add("CSeq", cseq + " " + method);
        m.add("Contact", "<sip:" + contactUser + "@" + me.getAddress().getHostAddress() + ":" + me.getPort() + ">");
        m.add("User-Agent", "cutover-lab-probe");
        return m;
    }

    /**
     * Sends a request and waits for its final response, retransmitting over UDP.
     *
     * @return the final response, or null when none came within the timeout
     */
    SipMessage send(Listener socket, SipMessage request, InetSocketAddress to) throws InterruptedException {
        String branch = request.topVia().branch();
        CompletableFuture<SipMessage> answer = new CompletableFuture<>();
        transactions.put(branch, answer);
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            long interval = t1Millis;
            while (true) {
                socket.send(request, to);
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return null;
                }
                try {
                    return answer.get(Math.min(interval, left), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    interval = Math.min(interval * 2, 4_000);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            transactions.remove(branch);
        }
    }

    /** A future completed by the first NOTIFY of the dialog with this Call-ID. */
    CompletableFuture<SipMessage> expectNotify(String callId) {
        CompletableFuture<SipMessage> f = new CompletableFuture<>();
        notifies.put(callId, f);
        return f;
    }

    void forgetNotify(String callId) {
        notifies.remove(callId);
    }

    private void onMessage(SipMessage m, Listener.Flow from) {
        if (!m.isRequest()) {
            Via via = m.topVia();
            CompletableFuture<SipMessage> f = via == null ? null : transactions.get(via.branch());
            if (f != null && m.status() >= 200) {
                f.complete(m);
            }
            return;
        }
        String method = m.method();
        if ("ACK".equals(method)) {
            return;
        }
        SipMessage r = SipMessage.response(m, 200, "OK");
        switch (method) {
            case "INVITE" -> {
                InetSocketAddress me = from.listener().address();
                r.add("Contact", "<sip:callee@" + me.getAddress().getHostAddress() + ":" + me.getPort() + ">");
                r.body("application/sdp", Sdp.answer(me.getAddress().getHostAddress(), m.body()));
            }
            case "NOTIFY" -> {
                CompletableFuture<SipMessage> f = notifies.remove(m.callId());
                if (f != null) {
                    f.complete(m);
                }
            }
            case "MESSAGE", "BYE", "OPTIONS", "SUBSCRIBE", "CANCEL" -> {}
            default -> r = SipMessage.response(m, 405, "Method Not Allowed");
        }
        SipServer.tagTo(r, m);
        from.listener().reply(r, from);
    }

    @Override
    public void close() {
        for (Listener l : sockets) {
            l.close();
        }
    }
}
