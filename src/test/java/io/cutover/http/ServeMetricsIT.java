package io.cutover.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.app.Cutover;
import io.cutover.app.Workspace;
import io.cutover.plan.Phase;
import io.cutover.plan.PlanOptions;
import io.cutover.run.RunSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} under {@code serve}: behind the token check, and fed by the runs this server carries out. */
class ServeMetricsIT {
    static final String OPERATOR = "op-token-0123456789abcdef";
    static final String VIEWER = "view-token-0123456789abcdef";

    @TempDir
    Path dir;

    Server server;
    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        Workspace workspace = new Workspace(dir.resolve("ws"));
        Cutover cutover = new Cutover(workspace, Clock.systemUTC(), "setup");
        cutover.labCreate(null);
        cutover.plan(
                PlanOptions.defaults("Skype for Business Server Subscription Edition")
                        .withApproveGates(List.of(Phase.Federation)),
                null);
        cutover.run(null, new RunSettings(8, 5, Duration.ofMillis(1), Phase.Prepare, "setup"), false, t -> {});
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "olga operator " + OPERATOR + "\nprometheus viewer " + VIEWER + "\n");
        server = Server.start(
                new ServerSettings(
                        workspace,
                        "127.0.0.1",
                        0,
                        tokens,
                        Duration.ofMillis(100),
                        new RunSettings(8, 5, Duration.ofMillis(1), null, "server")),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void metrics_are_refused_with_401_without_a_token_the_server_knows() throws Exception {
        for (String token : new String[] {null, "not-a-known-token-at-all"}) {
            HttpResponse<String> r = get("/metrics", token);

            assertThat(r.statusCode()).as("token %s", token).isEqualTo(401);
            assertThat(ApiIT.json(r).path("error").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(r.body()).doesNotContain("cutover_");
        }
    }

    @Test
    void a_viewer_token_reads_the_metrics_and_a_run_resumed_in_the_server_makes_the_moves_counter_rise()
            throws Exception {
        HttpResponse<String> before = get("/metrics", VIEWER);
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        assertThat(before.body()).contains("# TYPE cutover_moves_in_flight gauge");
        assertThat(sum(before.body(), "cutover_moves_total", "outcome=\"ok\"")).isZero();

        assertThat(post("/api/resume", OPERATOR).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(90))
                .until(() -> sum(get("/metrics", VIEWER).body(), "cutover_moves_total", "outcome=\"ok\""), n -> n > 0);
        await().atMost(Duration.ofSeconds(90))
                .until(
                        () -> sum(get("/metrics", VIEWER).body(), "cutover_gates_total", "result=\"passed\""),
                        n -> n > 0);
    }

    private static double sum(String scrape, String name, String label) {
        return scrape.lines()
                .filter(l -> l.startsWith(name + "{") && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                        .POST(HttpRequest.BodyPublishers.ofString(""))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
