package io.cutover.inventory;

/** What a pool does; the names are those of the inventory format and the assessment JSON. */
public enum PoolRole {
    FrontEnd,
    Director,
    Edge,
    Mediation,
    PersistentChat,
    SqlStore,
    Other;

    /** Registrars are where users and contact objects are homed (a Director homes none). */
    public boolean homesUsers() {
        return this == FrontEnd;
    }

    public boolean isRegistrar() {
        return this == FrontEnd || this == Director;
    }
}
