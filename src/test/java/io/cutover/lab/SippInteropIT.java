package io.cutover.lab;

import static io.cutover.lab.TestScenarios.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.lab.sip.SipMessage;
import io.cutover.lab.sip.SipNetwork;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with an independent SIP implementation: SIPp (Debian's sip-tester) signs in on a lab
 * pool and exchanges IMs with a user homed on another pool, and runs its built-in UAC call
 * scenario against a pool's conference focus.
 */
class SippInteropIT {
    private static final String SIPP = "/usr/bin/sipp";
    private final Lab lab = TestScenarios.small().startSip();
    private final SipNetwork sip = lab.sipNetwork().orElseThrow();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void sipp_registers_on_one_pool_and_exchanges_messages_with_a_user_homed_on_another() throws Exception {
        lab.move(Subject.user(user(3)), Fqdn.of("pool19.contoso.com"));
        InetSocketAddress pool13 = sip.poolAddress("pool13.contoso.com");
        InetSocketAddress pool19 = sip.poolAddress("pool19.contoso.com");
        Path scenario = dir.resolve("register-message.xml");
        try (var in = getClass().getResourceAsStream("/sipp/register-message.xml")) {
            Files.copy(in, scenario);
        }
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            peer.setSoTimeout(200);
            String peerContact = "sip:peer@127.0.0.1:" + peer.getLocalPort();
            // user03 signs in on its home pool with a plain UDP socket of its own.
            send(
                    peer,
                    pool19,
                    "REGISTER sip:contoso.com SIP/2.0\r\n"
                            + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bKpeerreg1\r\n"
                            + "Max-Forwards: 70\r\nFrom: <sip:user03@contoso.com>;tag=p1\r\nTo: <sip:user03@contoso.com>\r\n"
                            + "Call-ID: peer-reg-1\r\nCSeq: 1 REGISTER\r\nContact: <" + peerContact
                            + ">;expires=300\r\nContent-Length: 0\r\n\r\n");
            assertThat(receive(peer).status()).isEqualTo(200);

            Process sipp = sipp(List.of(
                    pool13.getAddress().getHostAddress() + ":" + pool13.getPort(),
                    "-sf",
                    scenario.toString(),
                    "-key",
                    "user",
                    "user01@contoso.com",
                    "-key",
                    "peer",
                    "user03@contoso.com"));
            SipMessage im = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (im == null && System.nanoTime() < deadline) {
                SipMessage m = receive(peer);
                if (m != null && "MESSAGE".equals(m.method())) {
                    im = m;
                }
            }
            assertThat(im)
                    .as("the MESSAGE from SIPp, proxied from pool13 to pool19")
                    .isNotNull();
            assertThat(new String(im.body(), StandardCharsets.UTF_8)).contains("hello from SIPp");
            assertThat(im.all("Via")).as("SIPp's Via, pool13's and pool19's").hasSize(3);
            SipMessage ok = SipMessage.response(im, 200, "OK");
            ok.set("To", im.header("To") + ";tag=p2");
            send(peer, im.topVia().replyTo(), new String(ok.encode(), StandardCharsets.UTF_8));

            // And back: user03 -> pool19 -> pool13 -> SIPp, which answers 200. SIPp files what it
            // receives under its calls by Call-ID, so the reply reuses the Call-ID of SIPp's dialog.
            send(
                    peer,
                    pool19,
                    "MESSAGE sip:user01@contoso.com SIP/2.0\r\n"
                            + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bKpeerim1\r\n"
                            + "Max-Forwards: 70\r\nFrom: <sip:user03@contoso.com>;tag=p3\r\nTo: <sip:user01@contoso.com>\r\n"
                            + "Call-ID: " + im.callId() + "\r\nCSeq: 1 MESSAGE\r\nContact: <" + peerContact
                            + ">\r\nContent-Type: text/plain\r\n"
                            + "Content-Length: 5\r\n\r\nhello");
            SipMessage answer = null;
            while (answer == null && System.nanoTime() < deadline) {
                SipMessage m = receive(peer);
                if (m != null && !m.isRequest() && "MESSAGE".equals(m.cseqMethod())) {
                    answer = m;
                }
            }
            assertThat(answer).as("SIPp's answer to user03's MESSAGE").isNotNull();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(finish(sipp))
                    .as("SIPp's exit status (0: every call succeeded)")
                    .isEqualTo(0);
        }
    }

    @Test
    void sipp_completes_its_built_in_uac_call_scenario_against_a_pools_conference_focus() throws Exception {
        InetSocketAddress pool19 = sip.poolAddress("pool19.contoso.com");
        Process sipp = sipp(
                List.of(pool19.getAddress().getHostAddress() + ":" + pool19.getPort(), "-sn", "uac", "-s", "focus"));
        assertThat(finish(sipp))
                .as("SIPp's exit status (0: INVITE, 200, ACK, BYE, 200 all went as its scenario expects)")
                .isEqualTo(0);
    }

    @Test
    void sipp_completes_its_built_in_uac_call_scenario_over_tcp() throws Exception {
        InetSocketAddress pool13 = sip.poolAddress("pool13.contoso.com");
        Process sipp = sipp(List.of(
                pool13.getAddress().getHostAddress() + ":" + pool13.getPort(),
                "-sn",
                "uac",
                "-s",
                "focus",
                "-t",
                "t1"));
        assertThat(finish(sipp)).as("SIPp's exit status over TCP").isEqualTo(0);
    }

    @Test
    void a_tcp_call_completes_while_three_hundred_slow_clients_hold_connections_half_sent() throws Exception {
        InetSocketAddress pool13 = sip.poolAddress("pool13.contoso.com");
        List<java.net.Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                java.net.Socket s = new java.net.Socket();
                s.connect(pool13, 2_000);
                s.getOutputStream()
                        .write(("INVITE sip:user01@contoso.com SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:"
                                        + s.getLocalPort())
                                .getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            Process sipp = sipp(List.of(
                    pool13.getAddress().getHostAddress() + ":" + pool13.getPort(),
                    "-sn",
                    "uac",
                    "-s",
                    "focus",
                    "-t",
                    "t1"));
            assertThat(finish(sipp))
                    .as("SIPp's exit status over TCP beside 300 slow clients")
                    .isEqualTo(0);
        } finally {
            for (java.net.Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void a_udp_request_asking_for_rport_is_answered_at_its_source_port_with_received_and_rport() throws Exception {
        InetSocketAddress pool13 = sip.poolAddress("pool13.contoso.com");
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            s.setSoTimeout(3_000);
            // The Via names a port nothing listens on, as a client behind a NAT would: only rport gets the answer back.
            send(
                    s,
                    pool13,
                    "OPTIONS sip:pool13.contoso.com SIP/2.0\r\n"
                            + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKrport1;rport\r\n"
                            + "From: <sip:probe@contoso.com>;tag=1\r\nTo: <sip:pool13.contoso.com>\r\n"
                            + "Call-ID: rport-1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            SipMessage answer = receive(s);
            assertThat(answer).as("an answer at the source port").isNotNull();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Via"))
                    .contains(";rport=" + s.getLocalPort())
                    .contains(";received=127.0.0.1");
        }
    }

    private Process sipp(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(SIPP));
        cmd.addAll(args);
        cmd.addAll(List.of(
                "-m",
                "1",
                "-i",
                "127.0.0.1",
                "-p",
                Integer.toString(freeUdpPort()),
                "-timeout",
                "20s",
                "-timeout_error",
                "-nostdin",
                "-trace_err",
                "-error_file",
                dir.resolve("sipp-errors.log").toString()));
        return new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sipp.out").toFile())
                .start();
    }

    private int finish(Process sipp) throws Exception {
        if (!sipp.waitFor(30, TimeUnit.SECONDS)) {
            sipp.destroyForcibly();
            throw new AssertionError("SIPp did not finish in 30 s");
        }
        int code = sipp.exitValue();
        if (code != 0) {
            Path errors = dir.resolve("sipp-errors.log");
            System.err.println(
                    "SIPp exited " + code + "; errors: " + (Files.exists(errors) ? Files.readString(errors) : "(none)")
                            + "; output: " + Files.readString(dir.resolve("sipp.out")));
        }
        return code;
    }

    /** A port free for both UDP and TCP now (SIPp opens both for -t t1). */
    private static int freeUdpPort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                    java.net.ServerSocket t =
                            new java.net.ServerSocket(s.getLocalPort(), 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException e) {
                // the TCP side is taken: try another
            }
        }
        throw new IOException("no port free for both UDP and TCP");
    }

    private static void send(DatagramSocket s, InetSocketAddress to, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(b, b.length, to));
    }

    private static SipMessage receive(DatagramSocket s) throws Exception {
        byte[] buf = new byte[65_536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try {
                s.receive(p);
                return SipMessage.parse(buf, 0, p.getLength());
            } catch (SocketTimeoutException e) {
                return null;
            }
        }
        return null;
    }
}
