package io.cutover.lab;

import static io.cutover.lab.TestScenarios.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeKind;
import io.cutover.deployment.ProbeResult;
import io.cutover.inventory.Fqdn;
import io.cutover.lab.sip.SipMessage;
import io.cutover.lab.sip.SipNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed SIP at every lab listener, over UDP and TCP: seeded random bytes, oversized headers,
 * missing Via or Call-ID, a flood of 10,000 requests. Each is answered 400 or dropped, never stops
 * a pool, and every socket is closed once the lab stops.
 */
class SipRobustnessIT {
    private static final long SEED = 20_240_305L;
    private final Lab lab = TestScenarios.small().startSip(100, 1_500);
    private final SipNetwork sip = lab.sipNetwork().orElseThrow();

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void seeded_random_bytes_over_udp_are_answered_400_or_dropped_at_every_listener() throws Exception {
        Random random = new Random(SEED);
        try (DatagramSocket s = client()) {
            for (SipNetwork.Endpoint e : sip.endpoints()) {
                for (int i = 0; i < 200; i++) {
                    byte[] junk = new byte[1 + random.nextInt(1_500)];
                    random.nextBytes(junk);
                    if (i % 4 == 0) {
                        // Half-plausible: a real request line followed by junk.
                        byte[] start = "OPTIONS sip:x@contoso.com SIP/2.0\r\n".getBytes(StandardCharsets.UTF_8);
                        System.arraycopy(start, 0, junk, 0, Math.min(start.length, junk.length));
                    }
                    s.send(new DatagramPacket(junk, junk.length, e.sip()));
                }
            }
            for (SipMessage answer : drain(s)) {
                assertThat(answer.isRequest()).isFalse();
                assertThat(answer.status()).isEqualTo(400);
            }
        }
        assertThat(sip.malformed()).isGreaterThan(0);
        everyPoolStillServes();
    }

    @Test
    void oversized_headers_and_a_missing_via_or_call_id_are_answered_400_over_udp_and_tcp() throws Exception {
        String big = "X-Padding: " + "a".repeat(SipMessage.MAX_HEADER_LINE + 10) + "\r\n";
        String noVia = request("OPTIONS", null, "noVia-1", "");
        String noCallId = request("OPTIONS", "SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK2", null, "");
        String oversized = request("OPTIONS", "SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK3", "big-1", big);
        try (DatagramSocket s = client()) {
            // A pool that is not deployed answers nothing, not even 400.
            byte[] silent = noVia.getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(silent, silent.length, sip.poolAddress("pool19new.contoso.com")));
            assertThat(receiveText(s, 500)).as("answer of a pool not deployed").isNull();
            for (SipNetwork.Endpoint e : deployed()) {
                for (String bad : List.of(noVia, noCallId, oversized)) {
                    byte[] b = bad.getBytes(StandardCharsets.UTF_8);
                    s.send(new DatagramPacket(b, b.length, e.sip()));
                    // Read as text: the answer to a request without a Via has none either.
                    String answer = receiveText(s, 2_000);
                    assertThat(answer)
                            .as(
                                    "answer of %s to %s",
                                    e.name(), bad.lines().findFirst().orElse(""))
                            .startsWith("SIP/2.0 400 Bad Request\r\n");
                }
                for (String bad : List.of(noVia, noCallId, oversized, "GARBAGE\r\n\r\n")) {
                    try (Socket t = new Socket(e.sip().getAddress(), e.sip().getPort())) {
                        t.setSoTimeout(2_000);
                        t.getOutputStream().write(bad.getBytes(StandardCharsets.UTF_8));
                        String reply = readAll(t.getInputStream());
                        assertThat(reply)
                                .as("TCP answer of %s", e.name())
                                .satisfiesAnyOf(
                                        r -> assertThat(r).startsWith("SIP/2.0 400 "),
                                        r -> assertThat(r).isEmpty());
                    }
                }
            }
        }
        everyPoolStillServes();
    }

    @Test
    void a_flood_of_ten_thousand_requests_at_every_listener_stops_no_pool() throws Exception {
        try (DatagramSocket s = client()) {
            s.setSoTimeout(1);
            for (SipNetwork.Endpoint e : sip.endpoints()) {
                for (int i = 0; i < 10_000; i++) {
                    String r = i % 2 == 0
                            ? request(
                                    "OPTIONS",
                                    "SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bKf" + i,
                                    "flood-" + i,
                                    "")
                            : request(
                                    "REGISTER",
                                    "SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bKf" + i,
                                    "flood-" + i,
                                    "Contact: <sip:f" + i + "@127.0.0.1:9>\r\n");
                    byte[] b = r.getBytes(StandardCharsets.UTF_8);
                    s.send(new DatagramPacket(b, b.length, e.sip()));
                }
            }
        }
        // And a burst of TCP connections beyond the per-listener limit at one pool.
        List<Socket> held = new ArrayList<>();
        InetSocketAddress pool13 = sip.poolAddress("pool13.contoso.com");
        try {
            for (int i = 0; i < 300; i++) {
                held.add(new Socket(pool13.getAddress(), pool13.getPort()));
            }
        } finally {
            for (Socket t : held) {
                t.close();
            }
        }
        everyPoolStillServes();
    }

    @Test
    void every_port_is_free_once_the_lab_stops_and_none_was_fixed() throws Exception {
        List<InetSocketAddress> ports =
                sip.endpoints().stream().map(SipNetwork.Endpoint::sip).toList();
        try (Lab other = TestScenarios.small().startSip()) {
            List<InetSocketAddress> otherPorts = other.sipNetwork().orElseThrow().endpoints().stream()
                    .map(SipNetwork.Endpoint::sip)
                    .toList();
            assertThat(otherPorts)
                    .as("a second lab in the same process listens on other ports")
                    .doesNotContainAnyElementsOf(ports);
        }
        // Leave TCP connections open at close: they must be closed too.
        Socket open = new Socket(ports.get(0).getAddress(), ports.get(0).getPort());
        lab.close();
        assertThat(sip.isClosed()).isTrue();
        assertThat(open.getInputStream().read())
                .as("the connection the lab held is closed")
                .isEqualTo(-1);
        open.close();
        for (InetSocketAddress p : ports) {
            try (DatagramSocket u = new DatagramSocket(p);
                    ServerSocket t = new ServerSocket()) {
                t.bind(p);
                assertThat(u.getLocalPort()).isEqualTo(p.getPort());
            }
        }
    }

    /** Every deployed pool registers a user of its own, and probes through every Edge and the partner pass. */
    private void everyPoolStillServes() throws Exception {
        try (DatagramSocket s = client()) {
            for (SipNetwork.Endpoint e : deployed()) {
                String r = request(
                        "OPTIONS",
                        "SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bKalive"
                                + e.sip().getPort(),
                        "alive-" + e.sip().getPort(),
                        "");
                byte[] b = r.getBytes(StandardCharsets.UTF_8);
                SipMessage answer = null;
                for (int attempt = 0; attempt < 5 && answer == null; attempt++) {
                    s.send(new DatagramPacket(b, b.length, e.sip()));
                    answer = receiveCallId(s, "alive-" + e.sip().getPort(), 1_000);
                }
                assertThat(answer).as("%s %s still answers", e.name(), e.side()).isNotNull();
            }
        }
        List<ProbeResult> results = new ArrayList<>();
        results.add(lab.probe(Probe.registration(user(1))));
        results.add(lab.probe(Probe.between(ProbeKind.Im, user(1), user(2))));
        results.add(lab.probe(new Probe(ProbeKind.External, user(1), null, Fqdn.of("edge13.contoso.com"))));
        results.add(lab.probe(new Probe(ProbeKind.Federated, user(1), "fabrikam.com", null)));
        assertThat(results)
                .allSatisfy(r -> assertThat(r.success()).as(String.valueOf(r)).isTrue());
    }

    private List<SipNetwork.Endpoint> deployed() {
        return sip.endpoints().stream()
                .filter(e -> !e.name().equals("pool19new.contoso.com"))
                .toList();
    }

    private static String request(String method, String via, String callId, String extra) {
        StringBuilder sb = new StringBuilder(method + " sip:contoso.com SIP/2.0\r\n");
        if (via != null) {
            sb.append("Via: ").append(via).append("\r\n");
        }
        sb.append("Max-Forwards: 70\r\nFrom: <sip:user01@contoso.com>;tag=r1\r\nTo: <sip:user01@contoso.com>\r\n");
        if (callId != null) {
            sb.append("Call-ID: ").append(callId).append("\r\n");
        }
        sb.append("CSeq: 1 ").append(method).append("\r\n").append(extra).append("Content-Length: 0\r\n\r\n");
        return sb.toString();
    }

    private static DatagramSocket client() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        s.setReceiveBufferSize(4 * 1024 * 1024);
        return s;
    }

    /** Everything that arrives until 500 ms pass in silence. */
    private static List<SipMessage> drain(DatagramSocket s) throws Exception {
        List<SipMessage> all = new ArrayList<>();
        SipMessage m;
        while ((m = receive(s, 500)) != null) {
            all.add(m);
        }
        return all;
    }

    private static SipMessage receive(DatagramSocket s, int timeoutMillis) throws Exception {
        byte[] buf = new byte[65_536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.setSoTimeout(timeoutMillis);
        try {
            s.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return SipMessage.parse(buf, 0, p.getLength());
    }

    private static String receiveText(DatagramSocket s, int timeoutMillis) throws Exception {
        byte[] buf = new byte[65_536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.setSoTimeout(timeoutMillis);
        try {
            s.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
    }

    private static SipMessage receiveCallId(DatagramSocket s, String callId, int timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            SipMessage m = receive(s, (int) Math.max(1, deadline - System.currentTimeMillis()));
            if (m != null && callId.equals(m.callId())) {
                return m;
            }
        }
        return null;
    }

    private static String readAll(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        try {
            int n;
            while (!sb.toString().contains("\r\n\r\n") && (n = in.read(buf)) > 0) {
                sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // no more for now
        }
        return sb.toString();
    }
}
