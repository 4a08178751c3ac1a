package io.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.check.Check;
import io.cutover.inventory.HomedKind;
import java.util.List;

/** Reading a plan in tests: steps by id, the moves and checks they hold. */
final class PlanReading {
    private PlanReading() {}

    static List<String> ids(Plan plan) {
        return plan.steps().stream().map(Step::id).toList();
    }

    static Step step(Plan plan, String id) {
        assertThat(plan.findStep(id)).as("step %s in %s", id, ids(plan)).isPresent();
        return plan.findStep(id).orElseThrow();
    }

    static Step.MoveBatch batch(Plan plan, String id) {
        return (Step.MoveBatch) step(plan, id);
    }

    static Step.Gate gate(Plan plan, String id) {
        return (Step.Gate) step(plan, id);
    }

    @SuppressWarnings("unchecked")
    static <C extends Check> C check(Plan plan, String gateId, Class<C> type) {
        return (C) gate(plan, gateId).checks().stream()
                .filter(type::isInstance)
                .findFirst()
                .orElseThrow(() -> new AssertionError(gateId + " has no " + type.getSimpleName() + " check"));
    }

    static List<Move> moves(Plan plan) {
        return plan.steps().stream()
                .filter(Step.MoveBatch.class::isInstance)
                .flatMap(s -> ((Step.MoveBatch) s).moves().stream())
                .toList();
    }

    /** The SIP addresses of every user move, in plan order (a user moved twice appears twice). */
    static List<String> movedUsers(Plan plan) {
        return moves(plan).stream()
                .filter(m -> m.subject().kind() == HomedKind.User)
                .map(m -> m.subject().id())
                .toList();
    }

    static List<String> sips(Step.MoveBatch batch) {
        return batch.moves().stream().map(m -> m.subject().id()).toList();
    }
}
