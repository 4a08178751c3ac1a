package io.cutover.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.journal.NoticeKind;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where notices go and how deliveries are retried: the {@code notifications:} section of the
 * settings file (see {@code examples/contoso/settings.yaml} and the README). Validated whole when
 * read; every error names the field.
 *
 * @param attempts delivery attempts per notice and channel before it is abandoned (audited so)
 * @param firstDelay the wait after the first failed attempt; each next wait doubles, up to maxDelay
 */
public record NotifySettings(List<Channel> channels, int attempts, Duration firstDelay, Duration maxDelay) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public NotifySettings {
        channels = List.copyOf(channels);
    }

    public static NotifySettings none() {
        return new NotifySettings(List.of(), 8, Duration.ofSeconds(30), Duration.ofHours(1));
    }

    /** The wait after {@code failed} failed attempts before the next one. */
    public Duration delayAfter(int failed) {
        Duration d = firstDelay;
        for (int i = 1; i < failed && d.compareTo(maxDelay) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    /** @throws CutoverException BAD_INPUT naming the file and field */
    public static NotifySettings read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "cannot read the settings file " + file + ": " + e);
        }
    }

    /** @param where the file name, for messages */
    public static NotifySettings parse(String yaml, String where) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw bad(where, "", "not YAML: " + e.getMessage());
        }
        if (root != null && root.isObject()) {
            // One settings file may also carry the change windows and budgets (read by --windows).
            known(root, where, "(top level)", "notifications", "sites", "default", "gatesAnytime", "budget");
        }
        JsonNode n = root == null ? null : root.path("notifications");
        if (n == null || n.isMissingNode() || n.isNull()) {
            return none();
        }
        known(n, where, "notifications", "retry", "webhooks", "email");
        JsonNode r = n.path("retry");
        known(r, where, "notifications.retry", "attempts", "firstDelay", "maxDelay");
        int attempts = r.path("attempts").asInt(8);
        if (attempts < 1 || attempts > 100) {
            throw bad(where, "notifications.retry.attempts", "must be 1 to 100, not " + attempts);
        }
        Duration first = duration(r.path("firstDelay"), "30s", where, "notifications.retry.firstDelay");
        Duration max = duration(r.path("maxDelay"), "1h", where, "notifications.retry.maxDelay");
        List<Channel> channels = new ArrayList<>();
        int i = 0;
        for (JsonNode w : n.path("webhooks")) {
            channels.add(webhook(w, where, "notifications.webhooks[" + i++ + "]"));
        }
        i = 0;
        for (JsonNode m : n.path("email")) {
            channels.add(email(m, where, "notifications.email[" + i++ + "]"));
        }
        Set<String> names = new HashSet<>();
        for (Channel c : channels) {
            if (!names.add(c.name())) {
                throw bad(where, "notifications", "two channels are named '" + c.name() + "'; names must differ");
            }
        }
        return new NotifySettings(channels, attempts, first, max);
    }

    private static Channel.Webhook webhook(JsonNode w, String where, String at) {
        known(w, where, at, "name", "url", "format", "events");
        URI url;
        try {
            url = URI.create(required(w, "url", where, at));
        } catch (IllegalArgumentException e) {
            throw bad(where, at + ".url", "not a URL: " + e.getMessage());
        }
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            throw bad(where, at + ".url", "must be an http or https URL, not '" + url + "'");
        }
        String format = w.path("format").asText("json").toUpperCase(Locale.ROOT);
        Channel.Format f;
        try {
            f = Channel.Format.valueOf(format);
        } catch (IllegalArgumentException e) {
            throw bad(
                    where,
                    at + ".format",
                    "expected json, teams or slack, not '" + w.path("format").asText() + "'");
        }
        return new Channel.Webhook(required(w, "name", where, at), url, f, events(w, where, at));
    }

    private static Channel.Email email(JsonNode m, String where, String at) {
        known(m, where, at, "name", "host", "port", "from", "to", "username", "passwordEnv", "tls", "events");
        List<String> to = new ArrayList<>();
        m.path("to").forEach(t -> to.add(t.asText()));
        if (m.path("to").isTextual()) {
            to.add(m.path("to").asText());
        }
        if (to.isEmpty()) {
            throw bad(where, at + ".to", "name at least one recipient");
        }
        int port = m.path("port").asInt(587);
        if (port < 1 || port > 65_535) {
            throw bad(where, at + ".port", "must be 1 to 65535, not " + port);
        }
        String tls = m.path("tls").asText("starttls-if-offered");
        Channel.Tls t;
        try {
            t = Channel.Tls.valueOf(tls.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw bad(where, at + ".tls", "expected starttls-if-offered, starttls-required or none, not '" + tls + "'");
        }
        return new Channel.Email(
                required(m, "name", where, at),
                required(m, "host", where, at),
                port,
                required(m, "from", where, at),
                to,
                m.hasNonNull("username") ? m.path("username").asText() : null,
                m.hasNonNull("passwordEnv") ? m.path("passwordEnv").asText() : null,
                t,
                events(m, where, at));
    }

    private static Set<NoticeKind> events(JsonNode c, String where, String at) {
        if (!c.has("events")) {
            return EnumSet.allOf(NoticeKind.class);
        }
        Set<NoticeKind> kinds = EnumSet.noneOf(NoticeKind.class);
        for (JsonNode e : c.path("events")) {
            try {
                kinds.add(NoticeKind.of(e.asText()));
            } catch (IllegalArgumentException x) {
                throw bad(where, at + ".events", x.getMessage());
            }
        }
        return kinds;
    }

    private static String required(JsonNode n, String field, String where, String at) {
        String v = n.path(field).asText("");
        if (v.isBlank()) {
            throw bad(where, at + "." + field, "is required");
        }
        return v;
    }

    private static void known(JsonNode n, String where, String at, String... fields) {
        Set<String> ok = Set.of(fields);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ok.contains(f)) {
                throw bad(where, at, "unknown field '" + f + "'; known: " + String.join(", ", fields));
            }
        }
    }

    private static Duration duration(JsonNode n, String otherwise, String where, String at) {
        String t = n.isMissingNode() || n.isNull() ? otherwise : n.asText().trim();
        try {
            long v = Long.parseLong(t.substring(0, t.length() - 1));
            Duration d = switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(v);
                case 'm' -> Duration.ofMinutes(v);
                case 'h' -> Duration.ofHours(v);
                default -> throw new NumberFormatException();
            };
            if (d.isNegative() || d.isZero()) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw bad(where, at, "expected a positive duration like 30s, 5m or 1h, not '" + t + "'");
        }
    }

    private static CutoverException bad(String where, String field, String what) {
        return new CutoverException(ErrorCode.BAD_INPUT, where + ": " + field + ": " + what);
    }
}
