package io.cutover.lab.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A listener's TCP limits: per-source and per-listener caps, and the time to send a whole message. */
class TcpLimitsIT {
    private final List<Socket> sockets = new ArrayList<>();
    private Listener listener;

    @AfterEach
    void close() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        listener.close();
    }

    private void open(TcpLimits limits) {
        listener = Listener.open("limits", (m, from) -> {}, limits);
    }

    private Socket connect(String source, String send) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        s.connect(listener.address(), 2_000);
        s.getOutputStream().write(send.getBytes(StandardCharsets.US_ASCII));
        s.setSoTimeout(50);
        sockets.add(s);
        return s;
    }

    /** Whether the listener has closed this connection (a read sees the end of the stream). */
    private static boolean closedByListener(Socket s) {
        try {
            InputStream in = s.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static String whole(int n) {
        return "OPTIONS sip:limits SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK" + n + "\r\nCall-ID: " + n
                + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }

    private static final String HALF = "OPTIONS sip:limits SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1";

    @Test
    void a_connection_that_sends_no_whole_message_within_the_request_time_is_closed() throws IOException {
        open(new TcpLimits(16, 16, Duration.ofMillis(300), Duration.ofSeconds(120)));
        Socket silent = connect("127.0.0.1", "");
        Socket dripping = connect("127.0.0.1", HALF);
        Socket talking = connect("127.0.0.1", whole(1));

        await().atMost(10, TimeUnit.SECONDS).until(() -> closedByListener(silent) && closedByListener(dripping));
        assertThat(closedByListener(talking))
                .as("sent a whole message, now idle")
                .isFalse();
    }

    @Test
    void a_source_at_its_cap_makes_room_by_dropping_its_longest_half_sent_connection() throws IOException {
        open(new TcpLimits(16, 3, Duration.ofSeconds(60), Duration.ofSeconds(120)));
        List<Socket> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.add(connect("127.0.0.2", HALF));
        }
        Socket other = connect("127.0.0.3", HALF);
        Socket newcomer = connect("127.0.0.2", whole(2));

        await().atMost(10, TimeUnit.SECONDS).until(() -> closedByListener(first.get(0)));
        assertThat(closedByListener(first.get(1))).isFalse();
        assertThat(closedByListener(newcomer)).isFalse();
        assertThat(closedByListener(other))
                .as("another source keeps its connection")
                .isFalse();
    }

    @Test
    void a_listener_full_of_connections_that_sent_whole_messages_refuses_a_new_one() throws IOException {
        open(new TcpLimits(2, 2, Duration.ofSeconds(60), Duration.ofSeconds(120)));
        Socket a = connect("127.0.0.1", whole(3));
        Socket b = connect("127.0.0.1", whole(4));
        await().atMost(10, TimeUnit.SECONDS).until(() -> listenerKeepsOnly(2));

        Socket c = connect("127.0.0.1", whole(5));

        await().atMost(10, TimeUnit.SECONDS).until(() -> closedByListener(c));
        assertThat(closedByListener(a)).isFalse();
        assertThat(closedByListener(b)).isFalse();
    }

    private boolean listenerKeepsOnly(int n) {
        return sockets.stream().filter(s -> !closedByListener(s)).count() == n;
    }
}
