package io.cutover.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.journal.Notice;

/**
 * The bodies a notice is sent as. Pure: the same notice gives the same text.
 *
 * <p>The JSON payload (version 1; fields are only ever added):
 *
 * <pre>
 * {"version": 1, "id": "gate.failed/run-1/Redmond/.../pilot-validation/1", "event": "gate.failed",
 *  "run": "run-1", "at": "2026-11-29T22:01:00Z", "title": "Gate ... failed; the run stopped there",
 *  "lines": ["failed: users verified before and after the move (5 users)", "  sip:...: contacts was 23, now 0"]}
 * </pre>
 *
 * {@code id} is the de-duplication key: a receiver that sees an id twice (a delivery whose answer
 * was lost is sent again) has the notice already.
 */
final class Payloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {}

    static String body(Channel.Format format, Notice n) {
        return switch (format) {
            case JSON -> json(n);
            case TEAMS -> teams(n);
            case SLACK -> slack(n);
        };
    }

    static String json(Notice n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", 1);
        o.put("id", n.key());
        o.put("event", n.kind().code());
        o.put("run", n.runId());
        o.put("at", n.at().toString());
        o.put("title", n.title());
        ArrayNode lines = o.putArray("lines");
        n.lines().forEach(lines::add);
        return o.toString();
    }

    /** A message carrying an Adaptive Card, the form Teams' incoming webhooks (Workflows) take. */
    static String teams(Notice n) {
        ObjectNode card = JSON.createObjectNode();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject()
                .put("type", "TextBlock")
                .put("text", n.title())
                .put("weight", "Bolder")
                .put("wrap", true);
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        facts.addObject().put("title", "Event").put("value", n.kind().code());
        facts.addObject().put("title", "Run").put("value", String.valueOf(n.runId()));
        facts.addObject().put("title", "At").put("value", n.at().toString());
        if (!n.lines().isEmpty()) {
            body.addObject()
                    .put("type", "TextBlock")
                    .put("text", String.join("\n\n", n.lines()))
                    .put("wrap", true);
        }
        ObjectNode message = JSON.createObjectNode();
        message.put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        attachment.set("content", card);
        return message.toString();
    }

    /** {@code text} (what notifications show) and {@code blocks}, as Slack's incoming webhooks take. */
    static String slack(Notice n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("text", n.title());
        ArrayNode blocks = o.putArray("blocks");
        blocks.addObject()
                .put("type", "section")
                .putObject("text")
                .put("type", "mrkdwn")
                .put(
                        "text",
                        "*" + slackEscape(n.title()) + "*\n`" + n.kind().code() + "` run `" + n.runId() + "` at "
                                + n.at());
        if (!n.lines().isEmpty()) {
            blocks.addObject()
                    .put("type", "section")
                    .putObject("text")
                    .put("type", "mrkdwn")
                    .put("text", "```" + slackEscape(String.join("\n", n.lines())) + "```");
        }
        return o.toString();
    }

    /** Slack reads &amp;, &lt; and &gt; as markup in mrkdwn text. */
    private static String slackEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String mailSubject(Notice n) {
        return "[cutover] " + n.title();
    }

    static String mailBody(Notice n) {
        StringBuilder b = new StringBuilder(n.title()).append("\n\n");
        n.lines().forEach(l -> b.append(l).append('\n'));
        b.append("\nevent: ").append(n.kind().code()).append("\nrun: ").append(n.runId());
        b.append("\nat: ").append(n.at()).append("\nid: ").append(n.key()).append('\n');
        return b.toString();
    }
}
