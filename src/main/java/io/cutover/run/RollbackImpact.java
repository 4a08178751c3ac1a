package io.cutover.run;

import java.util.List;

/**
 * What a rollback will do and what it will break, shown before it runs.
 *
 * @param steps the steps to undo, latest first
 * @param moves users and objects going back, per "from -> to" line
 * @param meetingsAtRisk meetings scheduled on a new pool since their organizer moved: they will
 *     not work after moving back
 * @param upgradedClients users whose client changed since their move: it must be downgraded
 */
public record RollbackImpact(
        String toStep,
        List<String> steps,
        int users,
        int objects,
        List<String> moves,
        List<String> routes,
        List<String> meetingsAtRisk,
        List<String> upgradedClients) {

    public boolean nothingToDo() {
        return steps.isEmpty();
    }
}
