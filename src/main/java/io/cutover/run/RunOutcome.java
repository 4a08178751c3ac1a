package io.cutover.run;

import io.cutover.check.CheckResult;
import java.util.List;

/** How a run (or one invocation of it) ended. */
public sealed interface RunOutcome {
    /** The CLI exit code for this outcome. */
    int exitCode();

    /** Every step of the plan is done. */
    record Finished(int stepsRun) implements RunOutcome {
        public int exitCode() {
            return 0;
        }
    }

    /** Every step the run was limited to (by phase, by site) is done. */
    record ReachedUntil(String scope, int stepsRun) implements RunOutcome {
        public int exitCode() {
            return 0;
        }
    }

    /** A gate's check failed; the run stopped before the gate. */
    record GateFailed(String stepId, String gate, List<CheckResult> results) implements RunOutcome {
        public int exitCode() {
            return 3;
        }
    }

    /** Some items of a step failed for good (or exhausted their retries). */
    record StepFailed(String stepId, List<String> failures) implements RunOutcome {
        public int exitCode() {
            return 3;
        }
    }

    /**
     * The run holds without having failed: a site's change window closed (moves in flight
     * finished, none started after) or an error budget ran out. Nothing is undone; {@code run
     * --follow} waits for the window, {@code run --resume} goes on after review.
     *
     * @param why what holds it: {@link Why#WINDOW} or {@link Why#BUDGET}
     * @param reason the sentence people read, naming the site, pool or budget
     * @param atStep the step it holds at
     * @param until when the site's next window opens (null for a budget hold, or when none opens
     *     within a year)
     */
    record Held(Why why, String reason, String atStep, java.time.Instant until) implements RunOutcome {
        public enum Why {
            WINDOW,
            BUDGET
        }

        public int exitCode() {
            return 5;
        }
    }

    /** An operator asked the run to pause (or abort); it stopped between items. */
    record Stopped(String request, String atStep) implements RunOutcome {
        public int exitCode() {
            return 0;
        }
    }
}
