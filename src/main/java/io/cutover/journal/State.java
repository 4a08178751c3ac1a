package io.cutover.journal;

/** Where a step, or one item of a move step, stands according to the journal. */
public enum State {
    /** Never attempted, or undone: to be done. */
    PENDING,
    /** Began and never ended: the process stopped mid-attempt; the deployment must be asked. */
    IN_DOUBT,
    /** Failed transiently; the next attempt is due. */
    RETRYING,
    FAILED,
    DONE,
    /** An undo began and never ended. */
    UNDOING,
    UNDONE;

    /** Whether the thing is in effect on the deployment, as far as the journal knows for sure. */
    public boolean done() {
        return this == DONE;
    }
}
