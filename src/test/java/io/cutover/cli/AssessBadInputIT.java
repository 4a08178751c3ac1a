package io.cutover.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad inventory folders at every entry point that reads one (assess, lab import, rehearse --from):
 * one line naming the file, line and column, exit code 2, nothing written; and what a real
 * deployment can be wrong about is a finding of assess (exit 3), not a crash.
 */
class AssessBadInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path clean() {
        return FixtureFolders.copy("clean", tmp.resolve("inv"));
    }

    private void replaceLine(Path file, int lineNumber, String text) throws IOException {
        String all = Files.readString(file, UTF_8);
        List<String> lines = new ArrayList<>(List.of(all.split("\r\n", -1)));
        lines.set(lineNumber - 1, text);
        Files.writeString(file, String.join("\r\n", lines), UTF_8);
    }

    /** Every verb that reads a folder refuses it the same way, and none writes anything. */
    private String refusedEverywhere(Path dir) {
        FileTree before = FileTree.of(tmp);
        String assess = Invocation.cutover("assess", dir.toString()).badInput();
        String labImport = Invocation.cutover(
                        "lab",
                        "import",
                        dir.toString(),
                        "--workspace",
                        tmp.resolve("ws").toString())
                .badInput();
        String rehearse = Invocation.cutover(
                        "rehearse",
                        "--from",
                        dir.toString(),
                        "--workspace",
                        tmp.resolve("ws2").toString())
                .badInput();
        assertThat(FileTree.of(tmp)).isEqualTo(before);
        assertThat(labImport).isEqualTo(assess);
        assertThat(rehearse).isEqualTo(assess);
        return assess;
    }

    @Test
    void a_missing_required_file_is_named() throws IOException {
        Path dir = clean();
        Files.delete(dir.resolve("users.csv"));
        assertThat(refusedEverywhere(dir))
                .isEqualTo(
                        "error: " + dir.resolve("users.csv")
                                + ": missing; the inventory folder needs topology.xml, sites.csv and users.csv (run the script of `cutover collect-script` to write them)");
    }

    @Test
    void a_folder_that_does_not_exist_is_named() {
        Path dir = tmp.resolve("nowhere");
        assertThat(Invocation.cutover("assess", dir.toString()).badInput())
                .startsWith("error: " + dir + ": not a directory");
    }

    @Test
    void a_malformed_csv_row_is_refused_with_its_file_and_line() throws IOException {
        Path dir = clean();
        replaceLine(
                dir.resolve("users.csv"),
                4,
                "\"sip:cat@contoso.com\",\"Cat\",\"cat@contoso.com\",\"pool13-red.contoso.com\",\"True\"");
        assertThat(refusedEverywhere(dir))
                .isEqualTo(
                        "error: users.csv:4: 5 fields where the header has 18 columns; a malformed row (an unquoted comma or a missing quote?)");
    }

    @Test
    void a_bad_value_is_refused_with_its_file_line_and_column() throws IOException {
        Path dir = clean();
        replaceLine(dir.resolve("replication.csv"), 3, "\"red13-fe2.contoso.com\",\"Yes\",\"\",\"\",\"\"");
        assertThat(refusedEverywhere(dir))
                .isEqualTo("error: replication.csv:3: column UpToDate expected True or False, found 'Yes'");
        Path dir2 = FixtureFolders.copy("clean", tmp.resolve("inv2"));
        replaceLine(dir2.resolve("objects.csv"), 2, "\"Fax\",\"x\",\"\",\"\",\"pool13-red.contoso.com\",\"\"");
        assertThat(Invocation.cutover("assess", dir2.toString()).badInput())
                .startsWith("error: objects.csv:2: column Kind is 'Fax', not an object kind");
    }

    @Test
    void a_topology_with_an_external_entity_is_refused_and_the_entity_is_never_fetched() throws IOException {
        Path dir = clean();
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(200);
            Thread listener = new Thread(() -> {
                while (!server.isClosed()) {
                    try (var s = server.accept()) {
                        connections.incrementAndGet();
                    } catch (SocketTimeoutException e) {
                        // keep listening until the test closes the socket
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            listener.start();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/evil.dtd";
            String topology = Files.readString(dir.resolve("topology.xml"), UTF_8);
            Files.writeString(
                    dir.resolve("topology.xml"),
                    "<?xml version=\"1.0\"?>\n<!DOCTYPE Topology SYSTEM \"" + url + "\" [<!ENTITY x SYSTEM \"" + url
                            + "\">]>\n" + topology.replace("<Name>Dublin</Name>", "<Name>&x;</Name>"),
                    UTF_8);
            assertThat(refusedEverywhere(dir))
                    .isEqualTo("error: topology.xml: line 2: refused: the document declares a DTD (<!DOCTYPE>); "
                            + "a topology never has one, and entities are never expanded or fetched");
            server.close();
            try {
                listener.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(connections.get()).as("connections to the entity's URL").isZero();
    }

    @Test
    void a_huge_topology_is_refused_before_it_is_read() throws IOException {
        Path dir = clean();
        try (RandomAccessFile f =
                new RandomAccessFile(dir.resolve("topology.xml").toFile(), "rw")) {
            f.setLength(64L * 1024 * 1024);
        }
        assertThat(refusedEverywhere(dir))
                .startsWith(
                        "error: topology.xml: 67108864 bytes, more than the 33554432 a topology may have; refused before parsing");
    }

    @Test
    void users_homed_on_a_pool_the_topology_lacks_are_a_finding_of_assess_and_refused_by_the_twin() throws IOException {
        Path dir = clean();
        replaceLine(
                dir.resolve("users.csv"),
                4,
                "\"sip:cat@contoso.com\",\"Cat\",\"cat@contoso.com\",\"pool12-old.contoso.com\",\"True\",\"False\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"");
        Invocation run = Invocation.cutover("assess", dir.toString(), "--json");
        assertThat(run.exitCode()).isEqualTo(3);
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("findings").toString())
                .contains("\"code\":\"UNKNOWN_POOL_REFERENCE\",\"subject\":\"pool12-old.contoso.com\"");
        FileTree before = FileTree.of(tmp);
        assertThat(Invocation.cutover(
                                "lab",
                                "import",
                                dir.toString(),
                                "--workspace",
                                tmp.resolve("ws").toString())
                        .badInput())
                .isEqualTo("error: " + dir.resolve("users.csv")
                        + ": sip:cat@contoso.com is homed on pool 'pool12-old.contoso.com', which topology.xml lacks; "
                        + "run `cutover assess " + dir + "` for every such reference");
        assertThat(FileTree.of(tmp)).isEqualTo(before);
    }

    @Test
    void duplicate_sip_addresses_in_mixed_case_are_a_finding_of_assess() throws IOException {
        Path dir = clean();
        replaceLine(
                dir.resolve("users.csv"),
                4,
                "\"SIP:Ann@Contoso.com\",\"Ann again\",\"ann2@contoso.com\",\"pool13-red.contoso.com\",\"True\",\"False\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"");
        Invocation run = Invocation.cutover("assess", dir.toString(), "--json");
        assertThat(run.exitCode()).isEqualTo(3);
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("findings").get(0).get("code").asText()).isEqualTo("DUPLICATE_SIP_ADDRESS");
        assertThat(doc.get("findings").get(0).get("message").asText())
                .contains("sip:ann@contoso.com, SIP:Ann@Contoso.com");
        assertThat(doc.get("summary").get("users").asInt()).isEqualTo(7);
    }

    @Test
    void an_unknown_target_version_is_bad_input() {
        Path dir = clean();
        assertThat(Invocation.cutover("assess", dir.toString(), "--target", "Skype for Business Server 2030")
                        .badInput())
                .startsWith("error: unknown product version 'Skype for Business Server 2030'");
    }

    @Test
    void lab_export_never_writes_over_a_directory_that_holds_something() throws IOException {
        Path ws = tmp.resolve("ws");
        Invocation.cutover("lab", "import", clean().toString(), "--workspace", ws.toString())
                .ok();
        Path taken = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(taken.resolve("keep.txt"), "mine");
        FileTree before = FileTree.of(tmp);
        assertThat(Invocation.cutover("lab", "export", taken.toString(), "--workspace", ws.toString())
                        .badInput())
                .isEqualTo(
                        "error: " + taken
                                + " already exists and is not an empty directory; give a new directory for the inventory folder");
        assertThat(FileTree.of(tmp)).isEqualTo(before);
    }

    @Test
    void rehearse_takes_a_scenario_or_a_folder_not_both() {
        Path dir = clean();
        assertThat(Invocation.cutover(
                                "rehearse",
                                "examples/contoso/scenario.yaml",
                                "--from",
                                dir.toString(),
                                "--workspace",
                                tmp.resolve("ws").toString())
                        .badInput())
                .isEqualTo("error: give a SCENARIO or --from DIR, not both");
    }
}
