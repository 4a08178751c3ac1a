package io.cutover.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.app.Cutover;
import io.cutover.app.Workspace;
import io.cutover.journal.AuditEntry;
import io.cutover.plan.Phase;
import io.cutover.plan.PlanOptions;
import io.cutover.run.RunSettings;
import io.cutover.run.RunState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over real sockets: authentication, roles, CSRF, errors, and the audit log. */
class ApiIT {
    static final String OPERATOR = "op-token-0123456789abcdef";
    static final String VIEWER = "view-token-0123456789abcdef";

    @TempDir
    Path dir;

    Workspace workspace;
    Server server;
    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        workspace = new Workspace(dir.resolve("ws"));
        Cutover cutover = new Cutover(workspace, Clock.systemUTC(), "setup");
        cutover.labCreate(null);
        cutover.plan(
                PlanOptions.defaults("Skype for Business Server Subscription Edition")
                        .withApproveGates(List.of(Phase.Federation)),
                null);
        cutover.run(null, new RunSettings(8, 5, Duration.ofMillis(1), Phase.Pilot, "setup"), false, t -> {});
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "olga operator " + OPERATOR + "\nvic viewer " + VIEWER + "\n");
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

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    List<AuditEntry> audit() {
        return new Cutover(workspace, Clock.systemUTC(), "reader").audit(100);
    }

    @Test
    void every_request_but_the_openapi_document_and_the_sign_in_page_needs_a_token() throws Exception {
        assertThat(get("/openapi.json", null).statusCode()).isEqualTo(200);
        assertThat(json(get("/openapi.json", null)).path("paths").has("/api/approve"))
                .isTrue();
        assertThat(get("/signin", null).statusCode()).isEqualTo(200);
        for (String path : List.of("/api/status", "/api/overview", "/api/gates", "/api/audit", "/api/session")) {
            HttpResponse<String> r = get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(json(r).path("error").asText()).isEqualTo("UNAUTHENTICATED");
        }
        assertThat(get("/api/status", "not-a-known-token-at-all").statusCode()).isEqualTo(401);
        assertThat(post("/api/pause", null, "{}").statusCode()).isEqualTo(401);
        // A person opening the dashboard (or one of its assets) without a session is sent to sign in.
        for (String path : List.of("/", "/assets/app.js")) {
            HttpResponse<String> page = get(path, null);
            assertThat(page.statusCode()).as(path).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).hasValue("/signin");
            assertThat(page.body()).doesNotContain("EventSource");
        }
        assertThat(get("/assets/app.js", VIEWER).body()).contains("EventSource");
    }

    @Test
    void the_status_endpoint_serves_the_same_record_as_the_cli() throws Exception {
        JsonNode status = json(get("/api/status", VIEWER));
        var cli = new Cutover(workspace, Clock.systemUTC(), "reader").status(true);

        assertThat(status.path("runId").asText()).isEqualTo(cli.runId());
        assertThat(status.path("usersMoved").asInt())
                .isEqualTo(cli.usersMoved())
                .isPositive();
        assertThat(status.path("pools").size()).isEqualTo(cli.pools().size()).isPositive();
        assertThat(status.path("retained").size()).isEqualTo(cli.retained().size());
    }

    @Test
    void a_viewer_is_refused_every_action_with_403_and_the_attempt_is_audited() throws Exception {
        for (String action : List.of("/api/pause", "/api/resume", "/api/abort", "/api/approve", "/api/rollback")) {
            HttpResponse<String> r = post(action, VIEWER, "{\"step\":\"Redmond/federation\",\"confirm\":true}");
            assertThat(r.statusCode()).as(action).isEqualTo(403);
            assertThat(json(r).path("error").asText()).isEqualTo("FORBIDDEN");
        }
        assertThat(audit()).hasSize(5).allSatisfy(a -> {
            assertThat(a.actor()).isEqualTo("vic");
            assertThat(a.channel()).isEqualTo("api");
            assertThat(a.result()).isEqualTo("forbidden");
        });
        assertThat(new Cutover(workspace, Clock.systemUTC(), "reader").status().state())
                .isNotEqualTo(RunState.PAUSED);
    }

    @Test
    void a_cookie_session_must_send_its_csrf_token_with_every_post() throws Exception {
        HttpResponse<String> signin = http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "signin"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + OPERATOR))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signin.statusCode()).isEqualTo(303);
        String setCookie = signin.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> session = http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "api/session"))
                        .header("Cookie", cookie)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String csrf = json(session).path("csrf").asText();
        assertThat(json(session).path("role").asText()).isEqualTo("operator");
        assertThat(csrf).hasSizeGreaterThan(20);

        HttpResponse<String> without = post("/api/pause", null, "{}", "Cookie", cookie);
        HttpResponse<String> wrong = post("/api/pause", null, "{}", "Cookie", cookie, "X-CSRF-Token", "nope");
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(json(without).path("message").asText()).contains("X-CSRF-Token");

        HttpResponse<String> with = post("/api/pause", null, "{}", "Cookie", cookie, "X-CSRF-Token", csrf);
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(json(with).path("request").asText()).isEqualTo("pause");
        assertThat(audit()).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("pause");
            assertThat(a.actor()).isEqualTo("olga");
            assertThat(a.result()).isEqualTo("ok");
        });
    }

    @Test
    void an_unknown_token_at_sign_in_gets_the_page_again_with_401_and_no_cookie() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "signin"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=guess"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("not one this server knows");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void bad_requests_name_what_is_wrong_and_change_nothing() throws Exception {
        HttpResponse<String> notJson = post("/api/approve", OPERATOR, "{step:");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).path("message").asText()).startsWith("request body: not JSON");

        HttpResponse<String> missing = post("/api/approve", OPERATOR, "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("message").asText()).isEqualTo("request body: field 'step' is required");

        HttpResponse<String> unknown = post("/api/approve", OPERATOR, "{\"step\":\"Atlantis/gate\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").asText()).isEqualTo("UNKNOWN_STEP");

        HttpResponse<String> early = post("/api/approve", OPERATOR, "{\"step\":\"Redmond/federation\"}");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(json(early).path("error").asText()).isEqualTo("NOT_AWAITING_APPROVAL");

        HttpResponse<String> unconfirmed = post("/api/rollback", OPERATOR, "{\"to\":null}");
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(json(unconfirmed).path("error").asText()).isEqualTo("NOT_CONFIRMED");

        // Refused as bad input, nothing changed: not even the audit log.
        assertThat(audit()).isEmpty();
        var status = new Cutover(workspace, Clock.systemUTC(), "reader").status();
        assertThat(status.usersRolledBack()).isZero();
    }

    @Test
    void resume_runs_the_migration_in_the_server_to_the_approval_gate_and_an_approval_lets_it_finish()
            throws Exception {
        HttpResponse<String> resumed = post("/api/resume", OPERATOR, "");
        assertThat(resumed.statusCode()).isEqualTo(200);

        for (int gates = 0; gates < 2; gates++) {
            await().atMost(90, TimeUnit.SECONDS)
                    .until(() -> json(get("/api/status", VIEWER))
                            .path("state")
                            .asText()
                            .equals("awaiting approval"));
            String step = json(get("/api/status", VIEWER)).path("nextStep").asText();
            HttpResponse<String> approved = post("/api/approve", OPERATOR, "{\"step\":\"" + step + "\"}");
            assertThat(approved.statusCode()).isEqualTo(200);
            assertThat(json(approved).path("approvedBy").asText()).isEqualTo("olga");
            await().atMost(30, TimeUnit.SECONDS)
                    .until(() -> !step.equals(
                            json(get("/api/status", VIEWER)).path("nextStep").asText()));
        }
        await().atMost(90, TimeUnit.SECONDS)
                .until(() -> json(get("/api/overview", VIEWER))
                                .path("runner")
                                .asText()
                                .equals("idle")
                        && json(get("/api/status", VIEWER))
                                .path("state")
                                .asText()
                                .equals("finished"));

        List<AuditEntry> audit = audit();
        assertThat(audit).extracting(AuditEntry::action).containsExactly("approve", "approve", "resume");
        assertThat(audit).allSatisfy(a -> {
            assertThat(a.actor()).isEqualTo("olga");
            assertThat(a.result()).isEqualTo("ok");
        });
        JsonNode gates = json(get("/api/gates", VIEWER));
        List<String> approvers = new java.util.ArrayList<>();
        gates.forEach(g -> {
            if (g.path("needsApproval").asBoolean()) {
                approvers.add(g.path("approvedBy").asText());
            }
        });
        assertThat(approvers).containsExactly("olga", "olga");
    }

    @Test
    void a_token_file_made_on_first_start_is_readable_by_its_owner_only() throws Exception {
        Path file = dir.resolve("fresh").resolve("tokens");
        Tokens tokens = Tokens.loadOrCreate(file, new SecureRandom());

        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(tokens.namesOf(Role.OPERATOR)).containsExactly("operator");
        assertThat(tokens.namesOf(Role.VIEWER)).containsExactly("viewer");
        // Starting again keeps the same tokens.
        String before = Files.readString(file);
        Tokens.loadOrCreate(file, new SecureRandom());
        assertThat(Files.readString(file)).isEqualTo(before);
    }
}
