package io.cutover.plan;

import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;

/** One subject moving from one pool to another. */
public record Move(Subject subject, Fqdn from, Fqdn to) {
    /** The key the journal records this move under. */
    public String item() {
        return subject.toString();
    }
}
