package io.cutover.inventory;

/** The per-user policy assignments of users.csv, in its column order. */
public enum PolicyKind {
    Conferencing("ConferencingPolicy"),
    Client("ClientPolicy"),
    ClientVersion("ClientVersionPolicy"),
    Voice("VoicePolicy"),
    ExternalAccess("ExternalAccessPolicy"),
    PersistentChat("PersistentChatPolicy"),
    Mobility("MobilityPolicy"),
    Archiving("ArchivingPolicy"),
    Pin("PinPolicy"),
    DialPlan("DialPlan"),
    Location("LocationPolicy");

    private final String column;

    PolicyKind(String column) {
        this.column = column;
    }

    /** The users.csv column (and Get-CsUser property) holding this assignment. */
    public String column() {
        return column;
    }
}
