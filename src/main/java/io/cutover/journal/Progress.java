package io.cutover.journal;

import io.cutover.inventory.Fqdn;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal folded into the latest state of every step and item. Pure: a function of the rows.
 * A move step's items are tracked one by one; other steps are tracked under a null item.
 */
public final class Progress {
    /** The state of one item (or of a whole non-move step). */
    public record Status(
            State state,
            int attempts,
            Fqdn from,
            Fqdn to,
            Instant beganAt,
            Instant endedAt,
            String detail,
            Entry last) {}

    private final Map<String, Map<String, Status>> byStep;

    private Progress(Map<String, Map<String, Status>> byStep) {
        this.byStep = byStep;
    }

    public static Progress of(List<Entry> entries) {
        Progress p = new Progress(new LinkedHashMap<>());
        entries.forEach(p::apply);
        return p;
    }

    /**
     * A copy of this progress with one step's state folded afresh from {@code rows}, every row of
     * that step in the order written: the rows of the other steps as this progress has them.
     */
    public synchronized Progress withStep(String stepId, List<Entry> rows) {
        Map<String, Map<String, Status>> copy = new LinkedHashMap<>();
        byStep.forEach((step, items) -> copy.put(step, new LinkedHashMap<>(items)));
        copy.remove(stepId);
        Progress p = new Progress(copy);
        rows.forEach(p::apply);
        return p;
    }

    /**
     * A copy of this progress with some items of one step folded afresh from {@code rows}, every
     * row of those items in the order written; the other items as this progress has them.
     */
    public synchronized Progress withItems(String stepId, java.util.Collection<String> items, List<Entry> rows) {
        Map<String, Map<String, Status>> copy = new LinkedHashMap<>();
        byStep.forEach((step, states) -> copy.put(step, new LinkedHashMap<>(states)));
        Map<String, Status> step = copy.get(stepId);
        if (step != null) {
            items.forEach(step::remove);
        }
        Progress p = new Progress(copy);
        rows.forEach(p::apply);
        return p;
    }

    /**
     * Folds one more row in. A running executor keeps its progress current this way instead of
     * re-reading the whole journal after every step.
     */
    public synchronized void apply(Entry e) {
        Map<String, Status> items = byStep.computeIfAbsent(e.stepId(), k -> new LinkedHashMap<>());
        String key = e.item() == null ? "" : e.item();
        items.put(key, fold(items.get(key), e));
    }

    private static Status fold(Status prev, Entry e) {
        int attempts = prev == null ? 0 : prev.attempts();
        Instant began = prev == null ? null : prev.beganAt();
        if (e.event() == Event.BEGIN) {
            State s = e.action() == Action.DO ? State.IN_DOUBT : State.UNDOING;
            return new Status(
                    s,
                    e.action() == Action.DO ? Math.max(attempts, e.attempt()) : attempts,
                    e.from(),
                    e.to(),
                    e.at(),
                    null,
                    e.detail(),
                    e);
        }
        State s = switch (e.action()) {
            case DO ->
                switch (e.outcome()) {
                    case OK -> State.DONE;
                    case RETRY -> State.RETRYING;
                    case FAILED -> State.FAILED;
                };
            // A failed undo leaves the thing in effect.
            case UNDO -> e.outcome() == Outcome.OK ? State.UNDONE : State.DONE;
        };
        return new Status(s, attempts, e.from(), e.to(), began, e.at(), e.detail(), e);
    }

    /** The status of an item of a step ({@code null} item for a whole non-move step). */
    public synchronized Status status(String stepId, String item) {
        Map<String, Status> items = byStep.getOrDefault(stepId, Map.of());
        return items.get(item == null ? "" : item);
    }

    public State state(String stepId, String item) {
        Status s = status(stepId, item);
        return s == null ? State.PENDING : s.state();
    }

    /** Every tracked item of a step, by item key ("" for a non-move step). */
    public synchronized Map<String, Status> items(String stepId) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(byStep.getOrDefault(stepId, Map.of())));
    }

    public synchronized boolean touched(String stepId) {
        return byStep.containsKey(stepId);
    }
}
