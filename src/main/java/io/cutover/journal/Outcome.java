package io.cutover.journal;

/** How an attempt ended. */
public enum Outcome {
    OK,
    /** Failed, and worth trying again (a transient failure). */
    RETRY,
    /** Failed for good, or a gate's check did not pass. */
    FAILED
}
