package io.cutover.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.journal.NoticeKind;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NotifySettingsTest {
    @Test
    void the_example_settings_file_reads_with_its_three_webhooks_and_its_mail_channel() {
        NotifySettings s = NotifySettings.read(Path.of("examples/contoso/settings.yaml"));

        assertThat(s.channels())
                .extracting(Channel::name)
                .containsExactly("ops-pipeline", "teams-migration-channel", "slack-ucc", "migration-team");
        assertThat(s.channels().get(0).events()).containsExactlyInAnyOrder(NoticeKind.values());
        assertThat(((Channel.Webhook) s.channels().get(1)).format()).isEqualTo(Channel.Format.TEAMS);
        Channel.Email mail = (Channel.Email) s.channels().get(3);
        assertThat(mail.tls()).isEqualTo(Channel.Tls.STARTTLS_IF_OFFERED);
        assertThat(mail.passwordEnv()).isEqualTo("CUTOVER_SMTP_PASSWORD");
        assertThat(s.attempts()).isEqualTo(8);
    }

    @Test
    void the_wait_between_attempts_doubles_up_to_its_ceiling() {
        NotifySettings s = NotifySettings.parse("notifications:\n  retry: {firstDelay: 30s, maxDelay: 3m}\n", "s.yaml");

        assertThat(java.util.stream.IntStream.rangeClosed(1, 5).mapToObj(s::delayAfter))
                .containsExactly(
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(120),
                        Duration.ofMinutes(3),
                        Duration.ofMinutes(3));
    }

    @Test
    void a_file_without_notifications_sends_nothing() {
        assertThat(NotifySettings.parse("gatesAnytime: true\n", "s.yaml").channels())
                .isEmpty();
    }

    @Test
    void mistakes_are_refused_naming_the_file_and_the_field() {
        assertThatThrownBy(() -> NotifySettings.parse(
                        "notifications:\n  webhooks:\n    - {name: a, url: 'ftp://x', format: json}\n", "s.yaml"))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("s.yaml: notifications.webhooks[0].url");
        assertThatThrownBy(() -> NotifySettings.parse(
                        "notifications:\n  webhooks:\n    - {name: a, url: 'https://x', events: [gate.fail]}\n",
                        "s.yaml"))
                .hasMessageContaining("notifications.webhooks[0].events")
                .hasMessageContaining("gate.failed");
        assertThatThrownBy(() -> NotifySettings.parse(
                        "notifications:\n  email:\n    - {name: m, host: h, from: f@x, to: [t@x], pasword: p}\n",
                        "s.yaml"))
                .hasMessageContaining("unknown field 'pasword'");
        assertThatThrownBy(() -> NotifySettings.parse(
                        "notifications:\n  webhooks:\n    - {name: a, url: 'https://x'}\n    - {name: a, url: 'https://y'}\n",
                        "s.yaml"))
                .hasMessageContaining("two channels are named 'a'");
    }
}
