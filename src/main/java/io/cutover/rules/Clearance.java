package io.cutover.rules;

/** Which kind of step clears a hold. */
public enum Clearance {
    /** A move the product makes (users, objects, the CMS, a federation route). */
    MOVE,
    /** The holder is a legacy pool the plan decommissions first (a legacy Edge and its next hop). */
    DECOMMISSION,
    /** A step a person does (named in the plan), approves, and the run then verifies. */
    MANUAL,
    /** Nothing the plan does clears it: the pool stays (retained users, XMPP federation they need). */
    KEEP
}
