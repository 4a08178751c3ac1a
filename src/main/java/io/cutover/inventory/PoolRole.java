package io.cutover.inventory;

/** What a pool does; the names are those of the inventory format and the assessment JSON. */
public enum PoolRole {
    FrontEnd,
    Director,
    Edge,
    Mediation,
    PersistentChat,
    SqlStore,
    /**
     * A Survivable Branch Appliance or Server: a registrar (with Mediation) in a branch site, where
     * branch users are homed, associated with a central pool that backs its registrar.
     */
    SurvivableBranch,
    /** A trusted application pool: third-party or in-house servers the topology trusts. */
    TrustedApplication,
    /** A Video Interop Server pool: the gateway to third-party video systems. */
    VideoInterop,
    /** An Office Web Apps / Office Online Server farm (presentations in meetings). */
    OfficeWebApps,
    Other;

    /** Registrars are where users and contact objects are homed (a Director homes none). */
    public boolean homesUsers() {
        return this == FrontEnd || this == SurvivableBranch;
    }

    public boolean isRegistrar() {
        return this == FrontEnd || this == Director || this == SurvivableBranch;
    }

    /** Whether the pool's {@code nextHop} is a pool it depends on (Edge, Director, branch, Mediation, ...). */
    public boolean dependsOnAPool() {
        return this != FrontEnd && this != SqlStore && this != OfficeWebApps && this != Other;
    }
}
