package io.cutover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.app.Cutover;
import io.cutover.app.Results;
import io.cutover.app.Workspace;
import io.cutover.http.Server;
import io.cutover.http.ServerSettings;
import io.cutover.lab.Scenarios;
import io.cutover.plan.PlanOptions;
import io.cutover.run.RunSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The API's latency while a large lab migration runs in the same process: the server up, the
 * executor moving users on a lab on disk, and clients on loopback asking for the status and the
 * overview as fast as they can. Every request made while the migration was running counts.
 */
public final class ApiLatency {
    private static final String TARGET = "Skype for Business Server 2019";
    private static final String TOKEN = "bench-operator-token-0123456789";

    private ApiLatency() {}

    /** What one repetition measured. */
    record Sample(
            double p50,
            double p99,
            double max,
            int requests,
            int usersMovedDuring,
            double viewAgeMedianMs,
            double viewAgeP99Ms,
            double seconds) {}

    public static List<Figure> run(
            int users, int sites, int clients, long moveLatencyMillis, int concurrency, int reps) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            samples.add(once(users, sites, clients, moveLatencyMillis, concurrency));
        }
        List<Double> p99 = samples.stream().map(Sample::p99).toList();
        List<Double> p50 = samples.stream().map(Sample::p50).toList();
        double medianP99 = Figure.median(p99);
        String note = samples.stream()
                .map(s -> String.format(
                        "%d requests over %.1f s while %d users moved (p50 %.2f ms, p99 %.2f ms, max %.1f ms;"
                                + " view age median %.0f ms, p99 %.0f ms)",
                        s.requests(),
                        s.seconds(),
                        s.usersMovedDuring(),
                        s.p50(),
                        s.p99(),
                        s.max(),
                        s.viewAgeMedianMs(),
                        s.viewAgeP99Ms()))
                .reduce((a, b) -> a + "; " + b)
                .orElse("");
        String name = "API p99 latency, " + clients + " clients, during a " + users + "-user lab migration";
        return List.of(
                new Figure(name, "ms", p99, medianP99, "< 100 ms", medianP99 < 100, note),
                new Figure("API p50 latency, same runs", "ms", p50, Figure.median(p50), "for comparison", true, ""));
    }

    private static Sample once(int users, int sites, int clients, long moveLatencyMillis, int concurrency) {
        Path dir;
        try {
            dir = Files.createTempDirectory("cutover-bench-api");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Workspace ws = new Workspace(dir.resolve("ws"));
            Cutover cutover = new Cutover(ws, Clock.systemUTC(), "bench");
            Path scenario = dir.resolve("scenario.yaml");
            Path faults = dir.resolve("faults.yaml");
            Path tokens = dir.resolve("tokens");
            Files.writeString(scenario, Scenarios.syntheticYaml(sites, users));
            Files.writeString(
                    faults,
                    "seed: 1\ninject:\n  - {type: latency, operation: move, millis: " + moveLatencyMillis + "}\n");
            Files.writeString(tokens, "bench operator " + TOKEN + "\n");
            cutover.labCreate(scenario);
            cutover.labInject(faults);
            cutover.plan(PlanOptions.defaults(TARGET), null);
            RunSettings settings = new RunSettings(concurrency, 5, Duration.ofMillis(10), null, "bench");
            try (Server server = Server.start(
                    new ServerSettings(ws, "127.0.0.1", 0, tokens, Duration.ofMillis(500), settings),
                    Clock.systemUTC())) {
                // Up to the production waves of every site: the moves of all the users, without the
                // drain and decommission steps that follow them.
                CompletableFuture<Results.RunResult> run = CompletableFuture.supplyAsync(
                        () -> cutover.run(null, settings.withUntil(io.cutover.plan.Phase.Production), false, t -> {}));
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                ObjectMapper json = new ObjectMapper();
                // Wait for the run to begin moving, so that every measured request competes with it.
                int before = waitForMoves(http, json, server);
                ExecutorService pool = Executors.newFixedThreadPool(clients);
                List<Future<List<double[]>>> futures = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int c = 0; c < clients; c++) {
                    String path = c % 2 == 0 ? "api/status" : "api/overview";
                    futures.add(pool.submit(() -> hammer(http, json, server.url() + path, run)));
                }
                List<Double> latencies = new ArrayList<>();
                List<Double> ages = new ArrayList<>();
                for (Future<List<double[]>> f : futures) {
                    for (double[] x : f.get()) {
                        latencies.add(x[0]);
                        if (x[1] >= 0) {
                            ages.add(x[1]);
                        }
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                pool.shutdown();
                Results.RunResult result = run.get();
                int moved = result.status().usersMoved() - before;
                Collections.sort(latencies);
                Collections.sort(ages);
                return new Sample(
                        pct(latencies, 50),
                        pct(latencies, 99),
                        latencies.get(latencies.size() - 1),
                        latencies.size(),
                        moved,
                        ages.isEmpty() ? -1 : pct(ages, 50),
                        ages.isEmpty() ? -1 : pct(ages, 99),
                        seconds);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("benchmark failed: " + e.getCause(), e.getCause());
        } finally {
            Benchmarks.deleteTree(dir);
        }
    }

    private static int waitForMoves(HttpClient http, ObjectMapper json, Server server)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r =
                    http.send(request(server.url() + "api/status"), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                int moved = json.readTree(r.body()).path("usersMoved").asInt();
                if (moved > 0) {
                    return moved;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the migration moved nobody within 5 minutes");
    }

    /** Requests until the migration ends; each sample is {latency ms, age of the view served in ms or -1}. */
    private static List<double[]> hammer(HttpClient http, ObjectMapper json, String url, CompletableFuture<?> run)
            throws IOException, InterruptedException {
        List<double[]> out = new ArrayList<>();
        HttpRequest request = request(url);
        while (!run.isDone()) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            double ms = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
            }
            double age = -1;
            if (url.endsWith("overview")) {
                JsonNode asOf = json.readTree(r.body()).path("asOf");
                if (asOf.isTextual()) {
                    age = Duration.between(Instant.parse(asOf.asText()), Instant.now())
                                    .toNanos()
                            / 1e6;
                }
            }
            out.add(new double[] {ms, age});
        }
        return out;
    }

    private static HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN)
                .build();
    }

    private static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }
}
