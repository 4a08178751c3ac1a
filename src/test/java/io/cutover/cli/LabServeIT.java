package io.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.lab.sip.SipMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover lab serve --json} as a child process: its line protocol, a client signing in, a clean stop. */
class LabServeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void serve_announces_every_listener_then_ready_answers_a_sip_client_and_frees_every_port_when_stopped()
            throws Exception {
        Path jar = Path.of("target/cutover.jar");
        assertThat(jar).as("the shaded jar; failsafe runs after `package`").isRegularFile();
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toAbsolutePath().toString(),
                        "lab",
                        "serve",
                        "--json")
                .directory(dir.toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        List<JsonNode> pools = new ArrayList<>();
        List<JsonNode> partners = new ArrayList<>();
        List<JsonNode> users = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            boolean ready = false;
            while (!ready && (line = out.readLine()) != null) {
                JsonNode n = JSON.readTree(line);
                if (n.has("ready")) {
                    ready = n.get("ready").asBoolean();
                } else if (n.has("user")) {
                    users.add(n);
                } else if (n.has("pool")) {
                    pools.add(n);
                } else if (n.has("partner")) {
                    partners.add(n);
                }
            }
            assertThat(ready)
                    .as("a {\"ready\": true} line; stderr: %s", Files.readString(dir.resolve("err.txt")))
                    .isTrue();
            assertThat(pools)
                    .extracting(n -> n.get("pool").asText())
                    .contains("lyncpool01.contoso.com", "sfb15pool-dub.contoso.com", "lyncedge01.contoso.com");
            assertThat(pools).allSatisfy(n -> {
                assertThat(n.get("sip").asText()).matches("127\\.0\\.0\\.1:\\d+");
                assertThat(n.get("transports").toString()).isEqualTo("[\"udp\",\"tcp\"]");
                assertThat(n.get("role").asText()).isIn("FrontEnd", "Director", "Edge");
                assertThat(n.get("version").asText()).isNotBlank();
            });
            assertThat(partners).extracting(n -> n.get("partner").asText()).containsExactly("fabrikam.com");
            JsonNode user = users.stream()
                    .filter(u -> u.get("pool").asText().equals("lyncpool01.contoso.com"))
                    .findFirst()
                    .orElseThrow();

            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                s.setSoTimeout(5_000);
                SipMessage atHome = register(
                        s,
                        address(pools, "lyncpool01.contoso.com"),
                        user.get("user").asText());
                assertThat(atHome.status()).isEqualTo(200);
                SipMessage elsewhere = register(
                        s,
                        address(pools, "sfb15pool-dub.contoso.com"),
                        user.get("user").asText());
                assertThat(elsewhere.status()).isEqualTo(301);
                assertThat(elsewhere.header("Contact"))
                        .contains(":" + address(pools, "lyncpool01.contoso.com").getPort());
            }
        } finally {
            p.destroy(); // SIGTERM: the shutdown hook stops the lab
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        for (JsonNode n : concat(pools, partners)) {
            InetSocketAddress a = parse(n.get("sip").asText());
            try (DatagramSocket u = new DatagramSocket(a);
                    ServerSocket t = new ServerSocket()) {
                t.bind(a);
            }
        }
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static InetSocketAddress address(List<JsonNode> pools, String fqdn) {
        return parse(pools.stream()
                .filter(n -> n.get("pool").asText().equals(fqdn))
                .findFirst()
                .orElseThrow()
                .get("sip")
                .asText());
    }

    private static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static SipMessage register(DatagramSocket s, InetSocketAddress pool, String user) throws Exception {
        String branch = "z9hG4bK" + System.nanoTime();
        String text = "REGISTER sip:contoso.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch="
                + branch + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <" + user + ">;tag=1\r\nTo: <" + user + ">\r\nCall-ID: " + branch
                + "\r\nCSeq: 1 REGISTER\r\n"
                + "Contact: <sip:client@127.0.0.1:" + s.getLocalPort() + ">;expires=60\r\nContent-Length: 0\r\n\r\n";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(b, b.length, pool));
        byte[] buf = new byte[65_536];
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        s.receive(in);
        return SipMessage.parse(buf, 0, in.getLength());
    }
}
