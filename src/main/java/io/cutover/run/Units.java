package io.cutover.run;

import io.cutover.journal.Entry;
import io.cutover.journal.Progress;
import io.cutover.journal.State;
import io.cutover.plan.Move;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan cut into units of work that instances claim one at a time: each step is a unit, except a
 * move step of more than {@code slice} items, whose items are cut into slices ({@link #cut}), each
 * a unit. Pure: every instance of a run cuts its plan alike, given the same {@code slice}.
 *
 * <p>Sites proceed on their own: a unit is ready when every earlier step of its site (in plan
 * order) is done, so two instances can work on two sites, or on two slices of one step, at once.
 */
public final class Units {
    /**
     * One unit.
     *
     * @param id the step's id, or the step's id and "#" and the slice's number (from 0)
     * @param slice the slice's number, from 0; -1 for a whole step
     * @param first the index of the slice's first item in its step's moves (0 for a whole step)
     * @param end one past the index of its last item (the step's item count for a whole step)
     * @param ordinal the unit's place in the plan, for claiming in plan order
     */
    public record Unit(String id, Step step, int slice, int first, int end, int ordinal) {}

    /**
     * How small the last slices of a step get: each slice is at most a quarter of the items still
     * to cut, so a step ends in slices of shrinking size, down to a quarter of {@code slice}.
     * Instances that share a step finish its last slices at about the same time: with equal
     * slices, the instance that took the last full one would move its items alone while the
     * others, the next step not yet ready, wait (for 24 items at concurrency 8, three rounds of
     * moves). Four: the claimers of a few instances hold about that many slices at once.
     */
    private static final int TAPER = 4;

    private final Plan plan;
    private final Map<String, List<Unit>> byStep = new LinkedHashMap<>();
    private final Map<String, Integer> sliceOfItem = new HashMap<>();

    /** @param slice the most items of a move step in one unit, 1 or more */
    public Units(Plan plan, int slice) {
        if (slice < 1) {
            throw new IllegalArgumentException("a slice holds 1 item or more, got " + slice);
        }
        this.plan = plan;
        int ordinal = 0;
        for (Step step : plan.steps()) {
            List<Unit> units = new ArrayList<>();
            if (step instanceof Step.MoveBatch batch && batch.moves().size() > slice) {
                List<Move> moves = batch.moves();
                int first = 0;
                List<Integer> sizes = cut(moves.size(), slice);
                for (int k = 0; k < sizes.size(); k++) {
                    int end = first + sizes.get(k);
                    units.add(new Unit(step.id() + "#" + k, step, k, first, end, ordinal++));
                    for (int i = first; i < end; i++) {
                        sliceOfItem.put(key(step.id(), moves.get(i).item()), k);
                    }
                    first = end;
                }
            } else {
                int items = step instanceof Step.MoveBatch batch ? batch.moves().size() : 0;
                units.add(new Unit(step.id(), step, -1, 0, items, ordinal++));
            }
            byStep.put(step.id(), units);
        }
    }

    /**
     * The sizes of the slices {@code items} items are cut into, in order, each at most {@code
     * slice} and at most a quarter ({@link #TAPER}) of the items still to cut, but not below a
     * quarter of {@code slice}: full slices, then shrinking ones. They add up to {@code items}.
     *
     * @param items the move step's item count, 0 or more
     * @param slice the most items in one slice, 1 or more
     */
    public static List<Integer> cut(int items, int slice) {
        int least = Math.max(1, (slice + TAPER - 1) / TAPER);
        List<Integer> sizes = new ArrayList<>();
        for (int left = items; left > 0; ) {
            int size = Math.min(left, Math.min(slice, Math.max(least, (left + TAPER - 1) / TAPER)));
            sizes.add(size);
            left -= size;
        }
        return sizes;
    }

    /** Every unit, in plan order. */
    public List<Unit> all() {
        return byStep.values().stream().flatMap(List::stream).toList();
    }

    /** The unit of that id. */
    public Unit unit(String id) {
        int hash = id.lastIndexOf('#');
        String step = byStep.containsKey(id) || hash < 0 ? id : id.substring(0, hash);
        return byStep.get(step).stream()
                .filter(u -> u.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no unit " + id));
    }

    /** The unit a journal row belongs to: its step's, or its item's slice's. */
    public String unitOf(Entry e) {
        Integer k = e.item() == null ? null : sliceOfItem.get(key(e.stepId(), e.item()));
        return k == null ? e.stepId() : e.stepId() + "#" + k;
    }

    /**
     * The units that may start now, in plan order: of each site the first step the settings cover
     * that is not done, and of a move step the slices with an item not done yet.
     */
    public List<Unit> ready(Progress progress, RunSettings settings) {
        Map<String, Step> frontier = new LinkedHashMap<>();
        for (Step step : plan.steps()) {
            if (settings.covers(step) && !frontier.containsKey(step.site()) && !Decide.done(plan, step, progress)) {
                frontier.put(step.site(), step);
            }
        }
        List<Unit> ready = new ArrayList<>();
        for (Step step : frontier.values()) {
            for (Unit u : byStep.get(step.id())) {
                if (u.slice() < 0 || pending(u, progress)) {
                    ready.add(u);
                }
            }
        }
        return ready;
    }

    /** Whether the unit has something left to do: a slice an item not done, another unit its step not done. */
    public boolean pending(Unit u, Progress progress) {
        return u.slice() < 0 ? !Decide.done(plan, u.step(), progress) : !sliceDone(u, progress);
    }

    /** The step a unit carries out: the step itself, or a move step with only the slice's items. */
    public Step work(Unit u) {
        if (u.slice() < 0) {
            return u.step();
        }
        Step.MoveBatch b = (Step.MoveBatch) u.step();
        return new Step.MoveBatch(b.id(), b.site(), b.pool(), b.phase(), b.name(), moves(u));
    }

    private List<Move> moves(Unit u) {
        return ((Step.MoveBatch) u.step()).moves().subList(u.first(), u.end());
    }

    private boolean sliceDone(Unit u, Progress progress) {
        for (Move m : moves(u)) {
            if (progress.state(u.step().id(), m.item()) != State.DONE) {
                return false;
            }
        }
        return true;
    }

    private static String key(String stepId, String item) {
        return stepId + "\u0000" + item;
    }
}
