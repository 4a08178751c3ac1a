package io.cutover.notify;

import io.cutover.journal.Notice;
import io.cutover.journal.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Delivers the outbox: each notice to each channel that wants it, one attempt at a time, each
 * attempt audited in the outbox ({@code delivered}, {@code failed}, or {@code abandoned} once the
 * attempts are spent). A failed attempt is tried again after {@link NotifySettings#delayAfter},
 * never sooner. Delivery is at least once: an attempt whose answer is lost is made again, and the
 * payload's id lets a receiver drop the second copy.
 */
public final class Courier {
    /** Notices older than this are not sent to a channel that never had them (one added later, say). */
    static final Duration MAX_AGE = Duration.ofDays(2);

    private final Outbox outbox;
    private final NotifySettings settings;
    private final Clock clock;
    private final WebhookPost webhooks = new WebhookPost();
    private final SmtpMail mail;

    /** @param env where SMTP passwords are read from: the process environment */
    public Courier(Outbox outbox, NotifySettings settings, Clock clock, Map<String, String> env) {
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        this.mail = new SmtpMail(env);
    }

    /** What one pass did. */
    public record Pass(int delivered, int failed, int abandoned) {}

    /** Makes every attempt that is due now; returns what they came to. Never throws for a failed delivery. */
    public Pass deliverDue() {
        int delivered = 0;
        int failed = 0;
        int abandoned = 0;
        Instant now = clock.instant();
        for (Channel c : settings.channels()) {
            for (Outbox.Pending p : outbox.pending(c.name(), now.minus(MAX_AGE))) {
                if (!c.wants(p.notice().kind()) || !due(p, now)) {
                    continue;
                }
                String error = send(c, p.notice());
                int attempt = p.attempts() + 1;
                String result = error == null
                        ? "delivered"
                        : attempt >= settings.attempts() || !c.wants(p.notice().kind()) ? "abandoned" : "failed";
                outbox.record(new Outbox.Delivery(p.notice().key(), c.name(), attempt, now, result, error));
                delivered += error == null ? 1 : 0;
                failed += "failed".equals(result) ? 1 : 0;
                abandoned += "abandoned".equals(result) ? 1 : 0;
            }
        }
        return new Pass(delivered, failed, abandoned);
    }

    private boolean due(Outbox.Pending p, Instant now) {
        return p.attempts() == 0 || !now.isBefore(p.lastAttempt().plus(settings.delayAfter(p.attempts())));
    }

    private String send(Channel c, Notice n) {
        if (c instanceof Channel.Webhook w) {
            return webhooks.send(w, Payloads.body(w.format(), n));
        }
        Channel.Email e = (Channel.Email) c;
        return mail.send(e, Payloads.mailSubject(n), Payloads.mailBody(n));
    }
}
