package io.cutover.shell;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.csv.CsvReader;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
import io.cutover.journal.Action;
import io.cutover.journal.Entry;
import io.cutover.journal.Outcome;
import io.cutover.journal.Progress;
import io.cutover.plan.Move;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import java.nio.file.Path;
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
 * the field, and one bad row refuses the whole file. Extra columns are ignored, as in the folder.
 */
public final class RunbookRecord {
    static final List<String> COLUMNS = List.of("Plan", "Step", "Item", "Action", "Outcome", "Detail", "At", "Actor");
    /**
     * Largest result file accepted: a row per check and per moved item, a few hundred bytes each;
     * 200,000 users moved with retries stay far below.
     */
    public static final long MAX_FILE = 256L << 20;

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

    /**
     * Reads the result rows of {@code csv} with the product's one CSV reader: a row longer than
     * {@link CsvReader#MAX_RECORD} characters, a quote never closed or a row with the wrong number
     * of fields refuses the file with its line (and column where there is one).
     *
     * @return the rows in file order, at least one
     * @throws CutoverException BAD_INPUT naming the file as given, the line and the field
     */
    public static List<Row> read(Path csv) {
        return read(csv, null);
    }

    /**
     * Reads and checks the rows as they stream in: a row that does not belong to {@code plan}
     * stops the reading at its line, and a file over {@link #MAX_FILE} is refused unread.
     *
     * @param plan the plan every row must name ({@link #check}); null to read without checking
     * @throws CutoverException as {@link #read(Path)} and {@link #check} do
     */
    public static List<Row> read(Path csv, Plan plan) {
        String file = csv.toString();
        List<Row> rows = new ArrayList<>();
        boolean header = new CsvReader(csv, file, MAX_FILE).read(COLUMNS, r -> {
            Row row = row(r, file);
            if (plan != null) {
                check(row, plan, file);
            }
            rows.add(row);
        });
        if (!header) {
            throw bad(file, 1, "the file is empty; expected a header row " + String.join(",", COLUMNS));
        }
        if (rows.isEmpty()) {
            throw new CutoverException(ErrorCode.BAD_INPUT, file + ": no result rows after the header");
        }
        return rows;
    }

    private static Row row(CsvReader.Row r, String file) {
        for (String c : List.of("Plan", "Step", "Outcome", "At", "Actor")) {
            if (r.get(c) == null) {
                throw bad(file, r.line(), "field " + c + " is empty");
            }
        }
        String action = r.raw("Action").trim();
        if (!action.equalsIgnoreCase("DO")) {
            throw bad(file, r.line(), "field Action is '" + action + "'; runbook rows record DO attempts only");
        }
        return new Row(
                r.line(),
                r.get("Plan"),
                r.get("Step"),
                r.get("Item"),
                outcome(r, file),
                r.raw("Detail"),
                at(r, file),
                r.get("Actor"));
    }

    private static Outcome outcome(CsvReader.Row r, String file) {
        try {
            return Outcome.valueOf(r.get("Outcome").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(file, r.line(), "field Outcome is '" + r.raw("Outcome") + "'; expected OK, FAILED or RETRY");
        }
    }

    private static Instant at(CsvReader.Row r, String file) {
        try {
            return Instant.parse(r.get("At"));
        } catch (DateTimeParseException e) {
            throw bad(
                    file,
                    r.line(),
                    "field At is '" + r.raw("At")
                            + "'; expected an ISO 8601 UTC time such as 2026-01-31T09:15:00.0000000Z");
        }
    }

    /** Checks every row names this plan, one of its steps and, for a move step, one of its items. */
    public static void check(List<Row> rows, Plan plan, String file) {
        rows.forEach(r -> check(r, plan, file));
    }

    private static void check(Row r, Plan plan, String file) {
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
                        "field Item is empty, but step " + step.id() + " moves items; name one (e.g. User:sip:...)");
            }
            if (move(b, r.item()).isEmpty()) {
                throw bad(file, r.line(), "field Item '" + r.item() + "' is not moved by step " + step.id());
            }
        } else if (r.item() != null) {
            throw bad(file, r.line(), "field Item is '" + r.item() + "', but step " + step.id() + " has no items");
        }
    }

    /** The journal rows: per result row, a BEGIN and an END, attempts numbered after what the journal has. */
    public static List<Entry> entries(List<Row> rows, Plan plan, String runId, Progress before) {
        Map<String, Integer> attempts = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Row r : rows) {
            Step step = plan.findStep(r.step()).orElseThrow();
            String item = null;
            Fqdn from = null;
            Fqdn to = null;
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
}
