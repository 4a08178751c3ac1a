package io.cutover.deployment;

import io.cutover.inventory.HomedKind;

/** Something homed on a pool that a migration moves: a user (by SIP address), an object, the CMS. */
public record Subject(HomedKind kind, String id) {
    public static final String CMS_ID = "CentralManagementStore";

    public static Subject user(String sip) {
        return new Subject(HomedKind.User, sip);
    }

    public static Subject cms() {
        return new Subject(HomedKind.Cms, CMS_ID);
    }

    /** Whether this is the CMS, whose one fixed id compares case-insensitively like every identity. */
    public boolean namesTheCms() {
        return kind == HomedKind.Cms && CMS_ID.equalsIgnoreCase(id);
    }

    @Override
    public String toString() {
        return kind + ":" + id;
    }
}
