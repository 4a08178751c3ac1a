package io.cutover.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;

/**
 * Where a run stands as a whole, computed from the plan and the journal. Its public form (JSON,
 * the command line, the dashboard) is the lower-case phrase, e.g. {@code "stopped at a gate"}.
 */
public enum RunState {
    /** The journal holds nothing for the run yet. */
    NOT_STARTED("not started"),
    /** A gate's checks passed and it waits for a person to approve it. */
    AWAITING_APPROVAL("awaiting approval"),
    /** A gate's checks failed. */
    STOPPED_AT_A_GATE("stopped at a gate"),
    /** A step (or one item of it) failed. */
    FAILED("failed"),
    /** The last request was to pause. */
    PAUSED("paused"),
    /** The last request was to abort. */
    ABORTED("aborted"),
    /** An error budget ran out: the run holds for review until `run --resume`. */
    HELD("held"),
    /**
     * Steps remain, nothing blocks them, and a live process drives the run now: it holds the run,
     * or live instances share it.
     */
    RUNNING("running"),
    /** Steps remain and nothing blocks them, but no live process drives the run: interrupted, resumable. */
    STOPPED("stopped"),
    /** Every step is done. */
    FINISHED("finished");

    private final String json;

    RunState(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    /** The public phrase, so that text output prints it as JSON does. */
    @Override
    public String toString() {
        return json;
    }

    /** @throws CutoverException BAD_INPUT for a phrase that is not a run state */
    @JsonCreator
    public static RunState of(String json) {
        for (RunState s : values()) {
            if (s.json.equals(json)) {
                return s;
            }
        }
        throw new CutoverException(ErrorCode.BAD_INPUT, "'" + json + "' is not a run state");
    }
}
