package io.cutover.folder;

/** The file names of the inventory folder. */
final class InventoryFiles {
    static final String TOPOLOGY = "topology.xml";
    static final String SITES = "sites.csv";
    static final String USERS = "users.csv";
    static final String OBJECTS = "objects.csv";
    static final String SERVICES = "services.csv";
    static final String REPLICATION = "replication.csv";
    static final String USAGE = "usage.csv";
    static final String MEETINGS = "meetings.csv";
    static final String CLIENTS = "clients.csv";
    static final String VERSIONS = "versions.csv";
    /** Beyond the documented files: servers the collection could not reach (recorded, then skipped). */
    static final String UNANSWERED = "unanswered.csv";
    /** Beyond the documented files: global and site-scoped policies (Get-Cs*Policy), for effective policies. */
    static final String POLICIES = "policies.csv";
    /** Beyond the documented files: federated partner domains (Get-CsAllowedDomain). */
    static final String PARTNERS = "partners.csv";
    /** Beyond the documented files: backup pairings of registrar pools (Get-CsPoolBackupRelationship). */
    static final String PAIRINGS = "pairings.csv";

    private InventoryFiles() {}
}
