package io.cutover.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code run --metrics-port}: Prometheus metrics over real HTTP for as long as the run lasts. */
class MetricsIT {
    private static final Pattern WHERE = Pattern.compile("metrics on (http://\\S+/metrics)");

    @TempDir
    Path tmp;

    Path ws;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void workspace() {
        ws = tmp.resolve("ws");
    }

    @Test
    void a_run_serves_its_metrics_and_the_moves_counter_rises_between_two_scrapes() throws Exception {
        cutover("lab", "create").ok();
        // Slow moves, two at a time, so that the run lasts long enough to be scraped twice.
        Path faults = tmp.resolve("slow.yaml");
        Files.writeString(faults, "inject:\n  - type: latency\n    operation: move\n    millis: 5\n");
        cutover("lab", "inject", faults.toString()).ok();
        cutover("plan").ok();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, UTF_8);
                    PrintStream e = new PrintStream(err, true, UTF_8)) {
                return Cli.execute(args("run", "--concurrency", "2", "--metrics-port", "0", "--json"), o, e);
            }
        });

        String url = await().atMost(Duration.ofMinutes(1))
                .until(() -> where(err.toString(UTF_8)), u -> u != null || run.isDone());
        assertThat(url).as("the address on stderr: %s", err.toString(UTF_8)).isNotNull();
        double first = await().atMost(Duration.ofMinutes(2)).until(() -> movesOk(url), n -> n > 0);
        double later = await().atMost(Duration.ofMinutes(2)).until(() -> movesOk(url), n -> n > first);

        assertThat(later).isGreaterThan(first);
        assertThat(run.get()).as("exit code; stderr: %s", err.toString(UTF_8)).isZero();
        // The endpoint lives as long as the run and no longer.
        assertThatThrownBy(() -> scrape(url)).isInstanceOf(IOException.class);
    }

    @Test
    void the_endpoint_serves_only_get_metrics() throws Exception {
        cutover("lab", "create").ok();
        // The run waits at the first gate for an approval that never comes, until it is paused.
        cutover("plan", "--approve-gates", "Coexistence").ok();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, UTF_8);
                    PrintStream e = new PrintStream(err, true, UTF_8)) {
                return Cli.execute(args("run", "--metrics-port", "0", "--json"), o, e);
            }
        });
        String url = await().atMost(Duration.ofMinutes(1))
                .until(() -> where(err.toString(UTF_8)), u -> u != null || run.isDone());
        assertThat(url).isNotNull();

        HttpResponse<String> ok =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> elsewhere = http.send(
                HttpRequest.newBuilder(URI.create(url.replace("/metrics", "/api/status")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofMinutes(1)).until(() -> cutover("pause").exitCode() == 0);
        run.get();

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        assertThat(ok.body()).contains("# TYPE cutover_moves_in_flight gauge");
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @ParameterizedTest
    @ValueSource(strings = {"65536", "-1", "eighty"})
    void a_metrics_port_out_of_range_is_bad_input_and_runs_nothing(String port) throws Exception {
        cutover("lab", "create").ok();
        cutover("plan").ok();

        String line = cutover("run", "--metrics-port", port).badInput();

        assertThat(line).contains("--metrics-port");
        assertThat(ws.resolve("journal.db")).doesNotExist();
        assertThat(cutover("rehearse", "--metrics-port", port).badInput()).contains("--metrics-port");
    }

    @Test
    void a_metrics_port_already_taken_is_bad_input_and_runs_nothing() throws Exception {
        cutover("lab", "create").ok();
        cutover("plan").ok();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String line = cutover("run", "--metrics-port", String.valueOf(taken.getLocalPort()))
                    .badInput();

            assertThat(line).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
        assertThat(ws.resolve("journal.db")).doesNotExist();
    }

    private static String where(String err) {
        Matcher m = WHERE.matcher(err);
        return m.find() ? m.group(1) : null;
    }

    private double movesOk(String url) throws Exception {
        double sum = 0;
        for (String line : scrape(url).lines().toList()) {
            if (line.startsWith("cutover_moves_total{") && line.contains("outcome=\"ok\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private String scrape(String url) throws Exception {
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private String[] args(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--workspace");
        all.add(ws.toString());
        return all.toArray(String[]::new);
    }

    private Invocation cutover(String... args) {
        return Invocation.cutover(args(args));
    }
}
