package io.cutover.notify;

import io.cutover.journal.NoticeKind;
import java.net.URI;
import java.util.List;
import java.util.Set;

/** Where notices go. Each has a name, unique in the settings: the outbox audits deliveries per channel name. */
public sealed interface Channel {
    String name();

    /** The events this channel is told of. */
    Set<NoticeKind> events();

    default boolean wants(NoticeKind kind) {
        return events().contains(kind);
    }

    /** How a webhook's body is written. */
    enum Format {
        /** cutover's own payload; see the README. */
        JSON,
        /** A message with an Adaptive Card, as Microsoft Teams incoming webhooks (Workflows) accept. */
        TEAMS,
        /** {@code text} and {@code blocks}, as Slack incoming webhooks accept. */
        SLACK
    }

    /** An HTTP POST of the notice, as {@code format}; any 2xx answer is delivered. */
    record Webhook(String name, URI url, Format format, Set<NoticeKind> events) implements Channel {
        public Webhook {
            events = Set.copyOf(events);
        }
    }

    /** How an email channel protects the SMTP session. */
    enum Tls {
        /** STARTTLS when the server offers it, plain otherwise (the default). */
        STARTTLS_IF_OFFERED,
        /** Refuse a server that does not offer STARTTLS. */
        STARTTLS_REQUIRED,
        /** Never STARTTLS: a relay on the same host, or a test server. */
        NONE
    }

    /**
     * A mail through an SMTP server.
     *
     * @param username null to send without authentication
     * @param passwordEnv the environment variable holding the password, null for none: never the
     *     password itself in a file
     */
    record Email(
            String name,
            String host,
            int port,
            String from,
            List<String> to,
            String username,
            String passwordEnv,
            Tls tls,
            Set<NoticeKind> events)
            implements Channel {
        public Email {
            to = List.copyOf(to);
            events = Set.copyOf(events);
        }
    }
}
