package io.cutover.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cutover.app.Cutover;
import io.cutover.app.Workspace;
import io.cutover.journal.AuditEntry;
import io.cutover.journal.Journal;
import io.cutover.run.RunSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A viewer hammering an action fills the audit log by one row per minute, not one per attempt. */
class AuditVolumeIT {
    static final String VIEWER = "view-token-0123456789abcdef";
    static final String OTHER = "other-token-0123456789abcdef";

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:10Z"));
    Workspace workspace;
    Server server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        workspace = new Workspace(dir.resolve("ws"));
        Files.createDirectories(workspace.dir());
        Journal.open(workspace.journal()).close();
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "vic viewer " + VIEWER + "\nvera viewer " + OTHER + "\n");
        server = Server.start(
                new ServerSettings(
                        workspace,
                        "127.0.0.1",
                        0,
                        tokens,
                        Duration.ofMillis(100),
                        new RunSettings(8, 5, Duration.ofMillis(1), null, "server")),
                clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    int post(String action, String token) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(server.url() + "api/" + action))
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    List<AuditEntry> audit() {
        return new Cutover(workspace, Clock.systemUTC(), "reader").audit(100);
    }

    @Test
    void identical_forbidden_attempts_in_one_minute_are_one_row_per_person_with_their_count() throws Exception {
        for (int i = 0; i < 7; i++) {
            assertThat(post("pause", VIEWER)).isEqualTo(403);
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(post("abort", VIEWER)).isEqualTo(403);
        assertThat(post("pause", OTHER)).isEqualTo(403);

        List<AuditEntry> rows = audit();
        assertThat(rows)
                .extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::result)
                .containsExactly(
                        tuple("vera", "pause", "forbidden"),
                        tuple("vic", "abort", "forbidden"),
                        tuple("vic", "pause", "forbidden"));
        assertThat(rows).extracting(AuditEntry::attempts).containsExactly(1, 1, 7);
        assertThat(rows.get(2).at()).isEqualTo(Instant.parse("2026-03-01T08:00:10Z"));
    }

    @Test
    void the_same_attempt_in_the_next_minute_starts_a_new_row() throws Exception {
        assertThat(post("pause", VIEWER)).isEqualTo(403);
        assertThat(post("pause", VIEWER)).isEqualTo(403);
        clock.advance(Duration.ofMinutes(1));
        assertThat(post("pause", VIEWER)).isEqualTo(403);

        assertThat(audit()).hasSize(2);
        assertThat(audit()).extracting(AuditEntry::attempts).containsExactly(1, 2);
    }
}
