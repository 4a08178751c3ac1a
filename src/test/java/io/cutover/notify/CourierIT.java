package io.cutover.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.cutover.http.ManualClock;
import io.cutover.journal.Journal;
import io.cutover.journal.Notice;
import io.cutover.journal.NoticeKind;
import io.cutover.journal.Outbox;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The courier against a real HTTP receiver and a real SMTP server, on the loopback, with a clock the test moves. */
class CourierIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-29T22:00:00Z");

    @TempDir
    Path dir;

    private HttpServer receiver;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    /** How many of the next requests the receiver answers 503. */
    private final AtomicInteger failNext = new AtomicInteger();

    private Journal journal;
    private final ManualClock clock = new ManualClock(T0);

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        journal = Journal.open(dir.resolve("journal.db"));
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        journal.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private static Notice gateFailed(String gate) {
        return new Notice(
                "gate.failed/run-1/" + gate + "/1",
                NoticeKind.GATE_FAILED,
                "run-1",
                T0,
                "Gate " + gate + " failed; the run stopped there",
                List.of(
                        "failed: users verified before and after the move (2 users)",
                        "  sip:a@contoso.com: contacts was 3, now 0"));
    }

    private Courier courier(String yaml) {
        return new Courier(journal.outbox(), NotifySettings.parse(yaml, "settings.yaml"), clock, Map.of());
    }

    @Test
    void a_notice_goes_to_each_webhook_in_its_format_once_however_often_it_was_written() throws Exception {
        Outbox outbox = journal.outbox();
        assertThat(outbox.enqueue(gateFailed("R/pilot-validation"))).isTrue();
        assertThat(outbox.enqueue(gateFailed("R/pilot-validation")))
                .as("the same event twice")
                .isFalse();
        Courier courier = courier("notifications:\n  webhooks:\n"
                + "    - {name: plain, url: '" + url("/json") + "'}\n"
                + "    - {name: teams, url: '" + url("/teams") + "', format: teams}\n"
                + "    - {name: slack, url: '" + url("/slack") + "', format: slack}\n");

        assertThat(courier.deliverDue()).isEqualTo(new Courier.Pass(3, 0, 0));
        assertThat(courier.deliverDue()).as("nothing is sent twice").isEqualTo(new Courier.Pass(0, 0, 0));

        assertThat(paths).containsExactlyInAnyOrder("/json", "/teams", "/slack");
        JsonNode json = JSON.readTree(bodies.get(paths.indexOf("/json")));
        assertThat(json.path("id").asText()).isEqualTo("gate.failed/run-1/R/pilot-validation/1");
        assertThat(json.path("event").asText()).isEqualTo("gate.failed");
        assertThat(json.path("lines").get(1).asText()).contains("contacts was 3, now 0");
        JsonNode teams = JSON.readTree(bodies.get(paths.indexOf("/teams")));
        assertThat(teams.path("type").asText()).isEqualTo("message");
        assertThat(teams.path("attachments").get(0).path("contentType").asText())
                .isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(teams.path("attachments")
                        .get(0)
                        .path("content")
                        .path("body")
                        .get(0)
                        .path("text")
                        .asText())
                .contains("R/pilot-validation");
        JsonNode slack = JSON.readTree(bodies.get(paths.indexOf("/slack")));
        assertThat(slack.path("text").asText()).contains("R/pilot-validation");
        assertThat(slack.path("blocks").get(1).path("text").path("text").asText())
                .contains("contacts was 3");
        assertThat(outbox.deliveries("gate.failed/run-1/R/pilot-validation/1"))
                .extracting(Outbox.Delivery::channel, Outbox.Delivery::result)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("plain", "delivered"),
                        org.assertj.core.groups.Tuple.tuple("teams", "delivered"),
                        org.assertj.core.groups.Tuple.tuple("slack", "delivered"));
    }

    @Test
    void a_failed_delivery_is_retried_only_after_its_backoff_doubling_and_each_attempt_is_audited() {
        journal.outbox().enqueue(gateFailed("R/wave-01-validation"));
        failNext.set(2);
        Courier courier = courier("notifications:\n  retry: {attempts: 5, firstDelay: 30s, maxDelay: 10m}\n"
                + "  webhooks:\n    - {name: ops, url: '" + url("/hook") + "'}\n");

        assertThat(courier.deliverDue().failed()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(29));
        assertThat(courier.deliverDue()).as("not before 30 s").isEqualTo(new Courier.Pass(0, 0, 0));
        clock.advance(Duration.ofSeconds(1));
        assertThat(courier.deliverDue().failed()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(59));
        assertThat(courier.deliverDue()).as("the second wait is 60 s").isEqualTo(new Courier.Pass(0, 0, 0));
        clock.advance(Duration.ofSeconds(1));
        assertThat(courier.deliverDue().delivered()).isEqualTo(1);

        assertThat(journal.outbox().deliveries("gate.failed/run-1/R/wave-01-validation/1"))
                .extracting(Outbox.Delivery::attempt, Outbox.Delivery::result)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "failed"),
                        org.assertj.core.groups.Tuple.tuple(2, "failed"),
                        org.assertj.core.groups.Tuple.tuple(3, "delivered"));
        assertThat(journal.outbox()
                        .deliveries("gate.failed/run-1/R/wave-01-validation/1")
                        .get(0)
                        .detail())
                .contains("503");
    }

    @Test
    void a_channel_that_never_answers_is_abandoned_after_its_attempts_and_says_so() {
        journal.outbox().enqueue(gateFailed("R/wave-02-validation"));
        Courier courier = courier("notifications:\n  retry: {attempts: 2, firstDelay: 1m}\n  webhooks:\n"
                + "    - {name: gone, url: 'http://127.0.0.1:1/nothing-listens'}\n");

        courier.deliverDue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(courier.deliverDue().abandoned()).isEqualTo(1);
        clock.advance(Duration.ofHours(5));
        assertThat(courier.deliverDue()).isEqualTo(new Courier.Pass(0, 0, 0));

        assertThat(journal.outbox().deliveries("gate.failed/run-1/R/wave-02-validation/1"))
                .extracting(Outbox.Delivery::result)
                .containsExactly("failed", "abandoned");
    }

    @Test
    void a_channel_is_told_only_the_events_it_asks_for() {
        journal.outbox().enqueue(gateFailed("R/edge"));
        journal.outbox()
                .enqueue(new Notice(
                        "run.finished/run-1", NoticeKind.RUN_FINISHED, "run-1", T0, "Run run-1 finished", List.of()));
        Courier courier = courier("notifications:\n  webhooks:\n" + "    - {name: ops, url: '" + url("/hook")
                + "', events: [run.finished]}\n");

        assertThat(courier.deliverDue().delivered()).isEqualTo(1);

        assertThat(bodies).singleElement().asString().contains("\"event\":\"run.finished\"");
    }

    @Test
    void a_notice_is_mailed_over_smtp_with_starttls_where_the_server_offers_it() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            journal.outbox().enqueue(gateFailed("D/pilot-validation"));
            Courier courier = courier("notifications:\n  email:\n    - name: team\n      host: 127.0.0.1\n"
                    + "      port: " + smtp.getSmtp().getPort() + "\n      from: cutover@contoso.com\n"
                    + "      to: [lync-team@contoso.com, ops@contoso.com]\n");

            assertThat(courier.deliverDue().delivered()).isEqualTo(1);

            MimeMessage[] got = smtp.getReceivedMessages();
            assertThat(got).hasSize(2);
            assertThat(got[0].getSubject())
                    .isEqualTo("[cutover] Gate D/pilot-validation failed; the run stopped there");
            assertThat(((String) got[0].getContent()))
                    .contains("contacts was 3, now 0", "id: gate.failed/run-1/D/pilot-validation/1");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void a_channel_that_requires_starttls_sends_nothing_to_a_server_that_does_not_offer_it() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            journal.outbox().enqueue(gateFailed("D/federation"));
            Courier courier = courier("notifications:\n  email:\n    - {name: team, host: 127.0.0.1, port: "
                    + smtp.getSmtp().getPort() + ", from: cutover@contoso.com, to: ops@contoso.com,"
                    + " tls: starttls-required}\n");

            assertThat(courier.deliverDue().failed()).isEqualTo(1);

            assertThat(smtp.getReceivedMessages()).isEmpty();
            assertThat(journal.outbox()
                            .deliveries("gate.failed/run-1/D/federation/1")
                            .get(0)
                            .detail())
                    .containsIgnoringCase("STARTTLS");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void a_mail_server_that_does_not_answer_fails_the_delivery_not_the_caller() {
        journal.outbox().enqueue(gateFailed("D/edge"));
        Courier courier = courier("notifications:\n  email:\n    - {name: team, host: 127.0.0.1, port: 1,"
                + " from: cutover@contoso.com, to: ops@contoso.com, tls: starttls-required}\n");

        assertThat(courier.deliverDue().failed()).isEqualTo(1);
        assertThat(journal.outbox()
                        .deliveries("gate.failed/run-1/D/edge/1")
                        .get(0)
                        .detail())
                .isNotBlank();
    }
}
