package io.cutover.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.app.Workspace;
import io.cutover.run.RunSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control-room sessions are bounded: they end when idle or old, a token holds only so many,
 * sign-out ends them on the server, and one address may only try to sign in so often. Every
 * response carries the headers that keep the pages from being framed or sniffed. Time moves by a
 * manual clock, with the default limits.
 */
class SessionLimitsIT {
    static final String OPERATOR = "op-token-0123456789abcdef";

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"));
    Server server;
    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "olga operator " + OPERATOR + "\n");
        server = Server.start(
                new ServerSettings(
                        new Workspace(dir.resolve("ws")),
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

    HttpResponse<String> signIn(String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "signin"))
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + token))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String cookie() throws Exception {
        String set = signIn(OPERATOR).headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    int sessionStatus(String cookie) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(server.url() + "api/session"))
                                .header("Cookie", cookie)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void a_session_unused_for_longer_than_the_idle_timeout_is_signed_out() throws Exception {
        String cookie = cookie();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessionStatus(cookie)).isEqualTo(200);
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessionStatus(cookie)).as("used 29 minutes ago").isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));
        assertThat(sessionStatus(cookie)).as("unused for 31 minutes").isEqualTo(401);
    }

    @Test
    void a_busy_session_still_ends_at_its_absolute_lifetime() throws Exception {
        String cookie = cookie();
        for (int i = 0; i < 12 * 3 - 1; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(sessionStatus(cookie))
                    .as("after %d minutes", (i + 1) * 20)
                    .isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(20));
        assertThat(sessionStatus(cookie)).as("12 hours after sign-in").isEqualTo(401);
    }

    @Test
    void signing_in_past_the_cap_per_token_ends_that_token_s_oldest_session() throws Exception {
        List<String> cookies = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            cookies.add(cookie());
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(sessionStatus(cookies.get(0))).as("the oldest").isEqualTo(401);
        for (String c : cookies.subList(1, 11)) {
            assertThat(sessionStatus(c)).isEqualTo(200);
        }
    }

    @Test
    void signing_out_ends_the_session_on_the_server_so_a_kept_cookie_is_refused() throws Exception {
        String cookie = cookie();
        HttpResponse<String> out = http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "signout"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .header("Cookie", cookie)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(sessionStatus(cookie)).isEqualTo(401);
    }

    @Test
    void sign_in_attempts_past_the_limit_from_one_address_get_429_until_the_minute_is_over() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(signIn(i % 2 == 0 ? OPERATOR : "wrong-token-0123456789").statusCode())
                    .isIn(303, 401);
        }
        HttpResponse<String> refused = signIn(OPERATOR);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(refused.body()).contains("TOO_MANY_REQUESTS");
        clock.advance(Duration.ofMinutes(1));
        assertThat(signIn(OPERATOR).statusCode()).isEqualTo(303);
    }

    @Test
    void every_response_forbids_framing_sniffing_and_referrers() throws Exception {
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (String path : List.of("signin", "openapi.json", "", "api/status", "assets/app.js", "no-such-page")) {
            responses.add(http.send(
                    HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        responses.add(signIn("wrong-token-0123456789"));
        for (HttpResponse<String> r : responses) {
            String what = r.uri() + " " + r.statusCode();
            assertThat(r.headers().firstValue("Content-Security-Policy"))
                    .as(what)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
            assertThat(r.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options"))
                    .as(what)
                    .hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
        }
    }
}
