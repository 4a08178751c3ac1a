package io.cutover.lab.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIP listening point on 127.0.0.1: one UDP socket and one TCP server socket on the same
 * OS-chosen port. Every message read is handed to the handler on the reading thread (one for UDP,
 * one per TCP connection); handlers are quick and never block. What cannot be parsed is answered
 * 400 when it reads as a request, else dropped, and never reaches the handler.
 */
public final class Listener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Receives what the listener reads. */
    @FunctionalInterface
    public interface Handler {
        void onMessage(SipMessage message, Flow from);
    }

    /** Where a message came from, and how to answer on the same path. */
    public record Flow(String transport, InetSocketAddress remote, Listener listener) {
        public void send(SipMessage m) {
            listener.send(m, this);
        }
    }

    private final String name;
    private final Handler handler;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final TcpLimits limits;
    private final TcpAdmission connections;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong malformed = new AtomicLong();
    /** Whether the server behind this listener answers at all: a pool that is down stays silent even to garbage. */
    private volatile java.util.function.BooleanSupplier answering = () -> true;

    private volatile boolean closed;

    private Listener(String name, Handler handler, DatagramSocket udp, ServerSocket tcp, TcpLimits limits) {
        this.name = name;
        this.handler = handler;
        this.udp = udp;
        this.tcp = tcp;
        this.limits = limits;
        this.connections = new TcpAdmission(limits);
    }

    /** Binds UDP and TCP on one free port of 127.0.0.1 and starts reading, with the default TCP limits. */
    public static Listener open(String name, Handler handler) {
        return open(name, handler, TcpLimits.DEFAULTS);
    }

    /** Binds UDP and TCP on one free port of 127.0.0.1 and starts reading. */
    public static Listener open(String name, Handler handler, TcpLimits limits) {
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            DatagramSocket udp = null;
            try {
                udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                udp.setReceiveBufferSize(4 * 1024 * 1024);
                udp.setSendBufferSize(4 * 1024 * 1024);
                ServerSocket tcp = new ServerSocket();
                try {
                    tcp.bind(new InetSocketAddress(LOOPBACK, udp.getLocalPort()), 128);
                } catch (IOException e) {
                    tcp.close();
                    throw e;
                }
                Listener l = new Listener(name, handler, udp, tcp, limits);
                l.start();
                return l;
            } catch (BindException e) {
                // The TCP side of the port the OS gave UDP is taken: try another port.
                last = e;
                if (udp != null) {
                    udp.close();
                }
            } catch (IOException e) {
                if (udp != null) {
                    udp.close();
                }
                throw new java.io.UncheckedIOException("cannot listen for " + name + " on 127.0.0.1", e);
            }
        }
        throw new java.io.UncheckedIOException("cannot find a port free for both UDP and TCP for " + name, last);
    }

    private void start() {
        Thread u = new Thread(this::readUdp, "sip-udp-" + name);
        Thread t = new Thread(this::accept, "sip-tcp-" + name);
        for (Thread th : List.of(u, t)) {
            th.setDaemon(true);
            threads.add(th);
            th.start();
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(LOOPBACK, udp.getLocalPort());
    }

    public int port() {
        return udp.getLocalPort();
    }

    public String name() {
        return name;
    }

    void answerOnlyWhile(java.util.function.BooleanSupplier condition) {
        this.answering = condition;
    }

    /** Messages refused as malformed so far (answered 400 or dropped). */
    public long malformed() {
        return malformed.get();
    }

    /** Sends over UDP from this listener's port. */
    public void send(SipMessage m, InetSocketAddress to) {
        byte[] bytes = m.encode();
        try {
            udp.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("{}: cannot send {} to {}: {}", name, m, to, e.toString());
            }
        }
    }

    /** Sends on a flow: over UDP to its address, over TCP on its connection (dropped if gone). */
    public void send(SipMessage m, Flow flow) {
        if ("TCP".equals(flow.transport())) {
            if (connections.get(flow.remote()) instanceof Connection c) {
                c.write(m.encode());
            }
        } else {
            send(m, flow.remote());
        }
    }

    /**
     * Answers a request received on {@code from}: its top Via gets {@code received} and, when the
     * client asked with {@code rport}, {@code rport=<source port>} (RFC 3581), and it goes where
     * that Via then says (over TCP: the connection it came on).
     */
    public void reply(SipMessage response, Flow from) {
        if (response.topVia() != null) {
            response.addFirst("Via", Via.stamp(response.removeFirst("Via"), from.remote()));
        }
        Via via = response.topVia();
        if ("TCP".equals(from.transport()) || via == null) {
            send(response, from);
        } else {
            send(response, via.replyTo());
        }
    }

    private void readUdp() {
        byte[] buf = new byte[SipMessage.MAX_MESSAGE + 1];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                packet.setLength(buf.length);
                udp.receive(packet);
                InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
                deliver(buf, packet.getOffset(), packet.getLength(), new Flow("UDP", from, this));
            } catch (SocketException e) {
                if (!closed) {
                    LOG.warn("{}: UDP socket failed: {}", name, e.toString());
                }
                return;
            } catch (IOException | RuntimeException e) {
                // One bad datagram or one failing handler must never stop the pool.
                LOG.warn("{}: dropped a datagram: {}", name, e.toString());
            }
        }
    }

    private void deliver(byte[] buf, int off, int len, Flow from) {
        if (SipHeaderParser.skipBlankLines(buf, off, off + len, true) == off + len) {
            return; // keep-alive (RFC 5626 section 3.5.1)
        }
        SipMessage m;
        try {
            m = SipMessage.parse(buf, off, len);
        } catch (SipMessage.Malformed e) {
            refuse(e, from);
            return;
        }
        try {
            handler.onMessage(m, from);
        } catch (RuntimeException e) {
            LOG.warn("{}: failed handling {}", name, m, e);
            if (m.isRequest() && !"ACK".equals(m.method())) {
                reply(SipMessage.response(m, 500, "Server Internal Error"), from);
            }
        }
    }

    private void refuse(SipMessage.Malformed e, Flow from) {
        malformed.incrementAndGet();
        SipMessage partial = e.partial();
        if (partial != null && partial.isRequest() && !"ACK".equals(partial.method()) && answering.getAsBoolean()) {
            SipMessage r = SipMessage.response(partial, 400, "Bad Request");
            r.add("Warning", "399 " + name + " \"" + e.getMessage().replace('"', '\'') + "\"");
            // A request without a usable Via is answered to where it came from.
            send(r, from);
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = tcp.accept();
                s.setTcpNoDelay(true);
                Connection c = new Connection(s);
                if (!connections.admit(c)) {
                    s.close();
                    continue;
                }
                Thread th = new Thread(c::read, "sip-tcp-" + name + "-" + c.remote.getPort());
                th.setDaemon(true);
                th.start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("{}: accept failed: {}", name, e.toString());
                }
            }
        }
    }

    /** One TCP connection: messages framed by Content-Length (RFC 3261 section 18.3). */
    private final class Connection implements TcpAdmission.Held {
        final Socket socket;
        final InetSocketAddress remote;
        private final OutputStream out;
        /** When the message being received began; a new connection owes its first one from now. */
        private volatile long pendingSince = System.nanoTime();
        /** Whether a whole message came: only then do keep-alive blank lines count as silence. */
        private boolean spoke;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
            this.out = socket.getOutputStream();
        }

        @Override
        public InetSocketAddress remote() {
            return remote;
        }

        @Override
        public long pendingSince() {
            return pendingSince;
        }

        /** Reads on: a message must be whole within the request time of its start; between messages, idle time. */
        private int readMore(InputStream in, byte[] buf, int have) throws IOException {
            long since = pendingSince;
            long left = since == Long.MAX_VALUE
                    ? limits.idle().toMillis()
                    : limits.request().toMillis() - (System.nanoTime() - since) / 1_000_000;
            if (left <= 0) {
                throw new java.net.SocketTimeoutException("no whole message in " + limits.request());
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            int n = in.read(buf, have, buf.length - have);
            if (n > 0 && since == Long.MAX_VALUE) {
                pendingSince = System.nanoTime();
            }
            return n;
        }

        synchronized void write(byte[] bytes) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                close();
            }
        }

        @Override
        public void close() {
            connections.remove(this);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing left to do with it
            }
        }

        void read() {
            Flow flow = new Flow("TCP", remote, Listener.this);
            byte[] buf = new byte[SipMessage.MAX_MESSAGE + 4];
            int have = 0;
            try (InputStream in = socket.getInputStream()) {
                while (!closed) {
                    int start = SipHeaderParser.skipBlankLines(buf, 0, have, false);
                    if (start > 0) {
                        System.arraycopy(buf, start, buf, 0, have - start);
                        have -= start;
                        pendingSince = have == 0 && spoke ? Long.MAX_VALUE : pendingSince;
                    }
                    int headEnd = SipHeaderParser.indexOf(buf, 0, have);
                    if (headEnd < 0) {
                        if (have >= buf.length) {
                            refuse(
                                    new SipMessage.Malformed("headers over " + SipMessage.MAX_MESSAGE + " bytes", null),
                                    flow);
                            return;
                        }
                        int n = readMore(in, buf, have);
                        if (n < 0) {
                            return;
                        }
                        have += n;
                        continue;
                    }
                    int total;
                    try {
                        SipMessage head = SipHeaderParser.parseHead(
                                new String(buf, 0, headEnd, java.nio.charset.StandardCharsets.UTF_8));
                        String cl = head.header("Content-Length");
                        if (cl == null) {
                            throw new SipMessage.Malformed("no Content-Length on a stream transport", head);
                        }
                        total = headEnd + 4 + SipHeaderParser.contentLength(cl, head);
                        if (total > buf.length) {
                            throw new SipMessage.Malformed("message over " + SipMessage.MAX_MESSAGE + " bytes", head);
                        }
                    } catch (SipMessage.Malformed e) {
                        // The stream has lost its framing: answer, then drop the connection.
                        refuse(e, flow);
                        return;
                    }
                    while (have < total) {
                        int n = readMore(in, buf, have);
                        if (n < 0) {
                            return;
                        }
                        have += n;
                    }
                    deliver(buf, 0, total, flow);
                    spoke = true;
                    System.arraycopy(buf, total, buf, 0, have - total);
                    have -= total;
                    pendingSince = have == 0 ? Long.MAX_VALUE : System.nanoTime();
                }
            } catch (IOException e) {
                // the peer went away or idled out
            } finally {
                close();
            }
        }
    }

    /** Closes both sockets and every connection, and waits for the reading threads to end. */
    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // already closed
        }
        connections.all().forEach(TcpAdmission.Held::close);
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
