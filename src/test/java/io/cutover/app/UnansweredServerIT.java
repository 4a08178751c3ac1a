package io.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.assess.Assessment;
import io.cutover.plan.PlanOptions;
import io.cutover.run.RunSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that did not answer the collection keeps its place in the twin with an unknown state:
 * {@code assess} and {@code rehearse --from} of the same folder agree that the migration cannot go
 * on until it is collected again.
 */
class UnansweredServerIT {
    private static final String TARGET = "Skype for Business Server 2019";

    @TempDir
    Path tmp;

    @Test
    void the_clean_folder_with_its_new_edge_installed_is_ready_and_its_rehearsal_finishes() {
        Path folder = copy("clean", tmp.resolve("clean"));

        assertThat(assess(folder).ready()).isTrue();
        Rehearsal r = rehearse(folder, "ws");
        assertThat(r.outcome()).as(String.valueOf(r.blocker())).isEqualTo("finished");
    }

    @Test
    void a_legacy_edge_that_did_not_answer_keeps_its_stale_replica_and_neither_assess_nor_rehearse_goes_on() {
        Path folder = copy("clean", tmp.resolve("edge"));
        append(folder.resolve("replication.csv"), "\"red13-edge1.contoso.com\",\"False\",\"\",\"\",\"5.0.8308.0\"");
        unanswered(folder, "red13-edge1.contoso.com");

        Assessment a = assess(folder);
        assertThat(a.ready()).isFalse();
        assertThat(a.findings())
                .filteredOn(f -> f.severity() == Assessment.Severity.ERROR)
                .extracting(f -> f.code().json(), Assessment.Finding::subject)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("REPLICA_NOT_UP_TO_DATE", "red13-edge1.contoso.com"),
                        org.assertj.core.groups.Tuple.tuple("SERVER_NOT_ANSWERED", "red13-edge1.contoso.com"));

        Rehearsal r = rehearse(folder, "ws");
        assertThat(r.outcome()).isNotEqualTo("finished");
        assertThat(r.decommissioned()).doesNotContain("edge13-red.contoso.com");
        assertThat(r.blocker().toString()).contains("red13-edge1.contoso.com");
    }

    @Test
    void a_front_end_server_that_did_not_answer_fails_the_checks_on_it_as_unknown() {
        Path folder = copy("clean", tmp.resolve("fe"));
        unanswered(folder, "red13-fe2.contoso.com");
        dropServices(folder, "red13-fe2.contoso.com");

        Assessment a = assess(folder);
        assertThat(a.ready()).isFalse();
        assertThat(a.findings())
                .filteredOn(f -> f.severity() == Assessment.Severity.ERROR)
                .extracting(f -> f.code().json(), Assessment.Finding::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SERVER_NOT_ANSWERED", "red13-fe2.contoso.com"));

        Rehearsal r = rehearse(folder, "ws");
        assertThat(r.outcome()).isNotEqualTo("finished");
        assertThat(r.usersMoved()).isZero();
        assertThat(r.blocker().toString()).contains("red13-fe2.contoso.com", "unknown: re-collect");
    }

    private Assessment assess(Path folder) {
        return cutover("assess-ws").assess(folder, TARGET);
    }

    private Rehearsal rehearse(Path folder, String ws) {
        return cutover(ws)
                .rehearseFrom(
                        folder,
                        null,
                        PlanOptions.defaults(TARGET),
                        new RunSettings(8, 2, Duration.ofMillis(1), null, "tester"),
                        t -> {});
    }

    private Cutover cutover(String ws) {
        return new Cutover(new Workspace(tmp.resolve(ws)), Clock.systemUTC(), "tester");
    }

    private static void unanswered(Path folder, String server) {
        write(
                folder.resolve("unanswered.csv"),
                "\"ComputerName\",\"Source\",\"Error\"\r\n\"" + server
                        + "\",\"Get-CsWindowsService\",\"The RPC server is unavailable.\"\r\n");
    }

    private static void dropServices(Path folder, String server) {
        try {
            Path services = folder.resolve("services.csv");
            String kept = String.join(
                            "\r\n",
                            Files.readAllLines(services, StandardCharsets.UTF_8).stream()
                                    .filter(l -> !l.contains(server))
                                    .toList())
                    + "\r\n";
            write(services, kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file, String line) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Files.writeString(
                    file,
                    (text.endsWith("\n") ? "" : "\r\n") + line + "\r\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The clean fixture, with its new Edge installed: its services answer the collection. */
    private static Path copy(String fixture, Path to) {
        Path folder = copyOf(fixture, to);
        append(
                folder.resolve("services.csv"),
                "\"red19-edge1.contoso.com\",\"RTCSRV\",\"Skype for Business Server Access Edge\",\"Running\",\"\"");
        return folder;
    }

    private static Path copyOf(String fixture, Path to) {
        try {
            Path from = Path.of(UnansweredServerIT.class
                    .getResource("/fixtures/folders/" + fixture)
                    .toURI());
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : files.toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
