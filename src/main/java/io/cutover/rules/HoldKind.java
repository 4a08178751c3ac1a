package io.cutover.rules;

import io.cutover.inventory.PoolRole;

/** What holds a pool in place; the names are stable codes of the assessment and the drain check. */
public enum HoldKind {
    HOMED_USERS,
    HOMED_OBJECTS,
    HOSTS_CMS,
    FEDERATION_ROUTE,
    XMPP_FEDERATION_ROUTE,
    EDGE_NEXT_HOP,
    DIRECTOR_NEXT_HOP,
    /** A Survivable Branch Appliance or Server is associated with the pool (its registrar's backing pool). */
    BRANCH_ASSOCIATION,
    MEDIATION_NEXT_HOP,
    PERSISTENT_CHAT_REGISTRAR,
    TRUSTED_APPLICATION_REGISTRAR,
    VIDEO_INTEROP_REGISTRAR,
    /** Another pool names this one as the pool it depends on. */
    NEXT_HOP,
    /** Another registrar pool is paired with this one as its backup (disaster recovery). */
    BACKUP_PAIRING;

    /** The kind of hold a pool of {@code role} puts on the pool it depends on. */
    public static HoldKind dependencyOf(PoolRole role) {
        return switch (role) {
            case Edge -> EDGE_NEXT_HOP;
            case Director -> DIRECTOR_NEXT_HOP;
            case SurvivableBranch -> BRANCH_ASSOCIATION;
            case Mediation -> MEDIATION_NEXT_HOP;
            case PersistentChat -> PERSISTENT_CHAT_REGISTRAR;
            case TrustedApplication -> TRUSTED_APPLICATION_REGISTRAR;
            case VideoInterop -> VIDEO_INTEROP_REGISTRAR;
            default -> NEXT_HOP;
        };
    }
}
