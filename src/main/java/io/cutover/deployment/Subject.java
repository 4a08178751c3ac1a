package io.cutover.deployment;

import io.cutover.inventory.HomedKind;
import io.cutover.inventory.SipAddress;

/** Something homed on a pool that a migration moves: a user (by SIP address), an object, the CMS. */
public record Subject(HomedKind kind, String id) {
    public static final String CMS_ID = "CentralManagementStore";

    public static Subject user(SipAddress sip) {
        return new Subject(HomedKind.User, sip.text());
    }

    public static Subject cms() {
        return new Subject(HomedKind.Cms, CMS_ID);
    }

    /**
     * A user's SIP address.
     *
     * @throws IllegalStateException when this subject is not a user
     */
    public SipAddress sipAddress() {
        if (kind != HomedKind.User) {
            throw new IllegalStateException(this + " is not a user");
        }
        return SipAddress.of(id);
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
