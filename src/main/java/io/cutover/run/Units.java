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
 * move step, whose items are cut into slices of at most {@code slice} items, each a unit. Pure.
 *
 * <p>Sites proceed on their own: a unit is ready when every earlier step of its site (in plan
 * order) is done, so two instances can work on two sites, or on two slices of one step, at once.
 */
public final class Units {
    /**
     * One unit.
     *
     * @param id the step's id, or the step's id and "#" and the slice's number (from 0)
     * @param ordinal the unit's place in the plan, for claiming in plan order
     */
    public record Unit(String id, Step step, int slice, int ordinal) {}

    private final Plan plan;
    private final int slice;
    private final Map<String, List<Unit>> byStep = new LinkedHashMap<>();
    private final Map<String, Integer> sliceOfItem = new HashMap<>();

    /** @param slice the most items of a move step in one unit, 1 or more */
    public Units(Plan plan, int slice) {
        if (slice < 1) {
            throw new IllegalArgumentException("a slice holds 1 item or more, got " + slice);
        }
        this.plan = plan;
        this.slice = slice;
        int ordinal = 0;
        for (Step step : plan.steps()) {
            List<Unit> units = new ArrayList<>();
            if (step instanceof Step.MoveBatch batch && batch.moves().size() > slice) {
                List<Move> moves = batch.moves();
                for (int k = 0; k * slice < moves.size(); k++) {
                    units.add(new Unit(step.id() + "#" + k, step, k, ordinal++));
                }
                for (int i = 0; i < moves.size(); i++) {
                    sliceOfItem.put(key(step.id(), moves.get(i).item()), i / slice);
                }
            } else {
                units.add(new Unit(step.id(), step, -1, ordinal++));
            }
            byStep.put(step.id(), units);
        }
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
                if (u.slice() < 0 || !sliceDone(u, progress)) {
                    ready.add(u);
                }
            }
        }
        return ready;
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
        List<Move> all = ((Step.MoveBatch) u.step()).moves();
        return all.subList(u.slice() * slice, Math.min(all.size(), (u.slice() + 1) * slice));
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
