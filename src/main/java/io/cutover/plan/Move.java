package io.cutover.plan;

import io.cutover.deployment.Subject;

/** One subject moving from one pool to another. */
public record Move(Subject subject, String from, String to) {
    /** The key the journal records this move under. */
    public String item() {
        return subject.toString();
    }
}
