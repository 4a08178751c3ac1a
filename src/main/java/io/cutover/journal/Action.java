package io.cutover.journal;

/** Whether an attempt carries a step forward or undoes it. */
public enum Action {
    DO,
    UNDO
}
