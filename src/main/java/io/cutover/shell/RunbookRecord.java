package io.cutover.shell;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.inventory.SipAddress;
import io.cutover.journal.Action;
import io.cutover.journal.Entry;
import io.cutover.journal.Outcome;
import io.cutover.journal.Progress;
import io.cutover.plan.Move;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The result rows a runbook writes (Export-Csv: a header row, every field double-quoted, UTF-8
 * possibly with a byte order mark, CRLF), read strictly: every error names the file, the line and
 * the field, and one bad row refuses the whole file.
 */
public final class RunbookRecord {
    static final List<String> COLUMNS = List.of("Plan", "Step", "Item", "Action", "Outcome", "Detail", "At", "Actor");

    /** One row: one attempt at a step (or at one item of a move step). */
    public record Row(
            int line,
            String plan,
            String step,
            String item,
            Outcome outcome,
            String detail,
            Instant at,
            String actor) {}

    private RunbookRecord() {}

    public static List<Row> parse(String text, String file) {
        List<Record> records = records(text, file);
        if (records.isEmpty()) {
            throw bad(file, 1, "the file is empty; expected a header row " + String.join(",", COLUMNS));
        }
        int first = 0;
        if (!records.get(0).fields().isEmpty() && records.get(0).fields().get(0).startsWith("#TYPE")) {
            first = 1;
        }
        if (first >= records.size()) {
            throw bad(file, 1, "no header row; expected " + String.join(",", COLUMNS));
        }
        Record header = records.get(first);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            index.putIfAbsent(header.fields().get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        for (String c : COLUMNS) {
            if (!index.containsKey(c.toLowerCase(Locale.ROOT))) {
                throw bad(
                        file,
                        header.line(),
                        "the header lacks column " + c + "; expected " + String.join(",", COLUMNS));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int r = first + 1; r < records.size(); r++) {
            Record rec = records.get(r);
            if (rec.fields().size() == 1 && rec.fields().get(0).isEmpty()) {
                continue;
            }
            if (rec.fields().size() < header.fields().size()) {
                throw bad(
                        file,
                        rec.line(),
                        "has " + rec.fields().size() + " fields, the header has "
                                + header.fields().size());
            }
            Map<String, String> f = new HashMap<>();
            for (String c : COLUMNS) {
                f.put(c, rec.fields().get(index.get(c.toLowerCase(Locale.ROOT))));
            }
            rows.add(row(f, rec.line(), file));
        }
        if (rows.isEmpty()) {
            throw bad(file, header.line(), "no result rows after the header");
        }
        return rows;
    }

    private static Row row(Map<String, String> f, int line, String file) {
        for (String c : List.of("Plan", "Step", "Outcome", "At", "Actor")) {
            if (f.get(c).isBlank()) {
                throw bad(file, line, "field " + c + " is empty");
            }
        }
        String action = f.get("Action").trim();
        if (!action.equalsIgnoreCase("DO")) {
            throw bad(file, line, "field Action is '" + action + "'; runbook rows record DO attempts only");
        }
        Outcome outcome;
        try {
            outcome = Outcome.valueOf(f.get("Outcome").trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(file, line, "field Outcome is '" + f.get("Outcome") + "'; expected OK, FAILED or RETRY");
        }
        Instant at;
        try {
            at = Instant.parse(f.get("At").trim());
        } catch (DateTimeParseException e) {
            throw bad(
                    file,
                    line,
                    "field At is '" + f.get("At")
                            + "'; expected an ISO 8601 UTC time such as 2026-01-31T09:15:00.0000000Z");
        }
        String item = f.get("Item").trim();
        return new Row(
                line,
                f.get("Plan").trim(),
                f.get("Step").trim(),
                item.isEmpty() ? null : item,
                outcome,
                f.get("Detail"),
                at,
                f.get("Actor").trim());
    }

    /** Checks every row names this plan, one of its steps and, for a move step, one of its items. */
    public static void check(List<Row> rows, Plan plan, String file) {
        for (Row r : rows) {
            if (!r.plan().equalsIgnoreCase(plan.checksum())) {
                throw new CutoverException(
                        ErrorCode.PLAN_CHECKSUM_MISMATCH,
                        file + ": line " + r.line() + ": field Plan is " + abbreviate(r.plan())
                                + ", but the run's plan is " + abbreviate(plan.checksum())
                                + "; import rows of runbooks made from this plan");
            }
            Step step = plan.findStep(r.step())
                    .orElseThrow(() -> new CutoverException(
                            ErrorCode.UNKNOWN_STEP,
                            file + ": line " + r.line() + ": field Step '" + r.step() + "' is not a step of the plan"));
            if (step instanceof Step.MoveBatch b) {
                if (r.item() == null) {
                    throw bad(
                            file,
                            r.line(),
                            "field Item is empty, but step " + step.id()
                                    + " moves items; name one (e.g. User:sip:...)");
                }
                if (move(b, r.item()).isEmpty()) {
                    throw bad(file, r.line(), "field Item '" + r.item() + "' is not moved by step " + step.id());
                }
            } else if (r.item() != null) {
                throw bad(file, r.line(), "field Item is '" + r.item() + "', but step " + step.id() + " has no items");
            }
        }
    }

    /** The journal rows: per result row, a BEGIN and an END, attempts numbered after what the journal has. */
    public static List<Entry> entries(List<Row> rows, Plan plan, String runId, Progress before) {
        Map<String, Integer> attempts = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Row r : rows) {
            Step step = plan.findStep(r.step()).orElseThrow();
            String item = null;
            String from = null;
            String to = null;
            if (step instanceof Step.MoveBatch b) {
                Move m = move(b, r.item()).orElseThrow();
                item = m.item();
                from = m.from();
                to = m.to();
            } else if (step instanceof Step.RouteFederation rf) {
                from = rf.from();
                to = rf.to();
            }
            String key = step.id() + "|" + item;
            Progress.Status prior = before.status(step.id(), item);
            int attempt = attempts.merge(key, 1, Integer::sum) + (prior == null ? 0 : prior.attempts());
            Entry begin =
                    Entry.begin(runId, step.id(), item, Action.DO, attempt, from, to, "by runbook", r.at(), r.actor());
            entries.add(begin);
            entries.add(begin.end(r.outcome(), r.detail() == null || r.detail().isEmpty() ? null : r.detail(), r.at()));
        }
        return entries;
    }

    /** The move of a batch whose journal item is {@code item}; SIP addresses compare case-insensitively. */
    private static Optional<Move> move(Step.MoveBatch b, String item) {
        for (Move m : b.moves()) {
            if (m.item().equals(item) || SipAddress.key(m.item()).equals(SipAddress.key(item))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static String abbreviate(String checksum) {
        return checksum.length() > 12 ? checksum.substring(0, 12) : checksum;
    }

    private static CutoverException bad(String file, int line, String what) {
        return new CutoverException(ErrorCode.BAD_INPUT, file + ": line " + line + ": " + what);
    }

    private record Record(int line, List<String> fields) {}

    /** RFC 4180 records with the line each starts on; a quoted field may span lines. */
    private static List<Record> records(String text, String file) {
        List<Record> out = new ArrayList<>();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        while (i < text.length()) {
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true) {
                if (i >= text.length()) {
                    if (quoted) {
                        throw bad(file, start, "a quoted field is not closed");
                    }
                    fields.add(field.toString());
                    break;
                }
                char c = text.charAt(i++);
                if (quoted) {
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r' && i < text.length() && text.charAt(i) == '\n') {
                        i++;
                    }
                    line++;
                    fields.add(field.toString());
                    break;
                } else if (wasQuoted) {
                    throw bad(file, line, "text after a closing quote");
                } else {
                    field.append(c);
                }
            }
            out.add(new Record(start, fields));
        }
        return out;
    }
}
