package io.cutover.deployment;

import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServerVersion;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.SipAddress;
import java.util.List;
import java.util.Optional;

/**
 * A Lync / Skype for Business deployment the migration acts on. Every operation may throw {@link
 * DeploymentFailure}. Implementations are safe to call from several threads at once: the executor
 * moves objects concurrently.
 */
public interface Deployment extends AutoCloseable {
    /** A short name for reports: "lab", "shell". */
    String name();

    /** The whole current state. */
    Inventory snapshot();

    /**
     * The pool a subject is homed on now, or empty when the deployment does not know it. An FQDN, so
     * comparing it with a plan's pools ignores case as DNS does.
     */
    Optional<Fqdn> homeOf(Subject subject);

    /**
     * Moves a subject to a pool (Move-CsUser and its kin; never with -Force). Moving a user carries
     * the user's meetings. Moving a subject already homed on the target does nothing.
     */
    void move(Subject subject, Fqdn targetPool);

    /**
     * Re-homes Response Group configuration between pools of one code line (2019 and Subscription
     * Edition), where {@code Move-CsRgsConfiguration} refuses: {@code Export-CsRgsConfiguration} from
     * the pool it is on, then {@code Import-CsRgsConfiguration} into {@code targetPool}. A deployment
     * that cannot do it throws a permanent failure.
     */
    default void exportImport(Subject subject, Fqdn targetPool) {
        throw DeploymentFailure.permanent(name() + " cannot export and import " + subject
                + "; run Export-CsRgsConfiguration and" + " Import-CsRgsConfiguration by hand");
    }

    /**
     * What each server of a pool says it runs (Get-CsServerVersion on each server), as rows of
     * versions.csv; a server that does not answer has no row.
     */
    default List<ServerVersion> serverVersions(Fqdn pool) {
        Inventory inventory = snapshot();
        return inventory.findPool(pool).map(inventory::serverVersionsOf).orElse(List.of());
    }

    /**
     * Does a manual step itself, if this deployment can: the lab can, as the admin of a rehearsal
     * (as it deploys a target pool); a real deployment cannot, and a person does it and approves.
     *
     * @return whether the step was done here; false leaves it to a person
     */
    default boolean perform(io.cutover.rules.Release release) {
        return false;
    }

    /** Points a site's SIP federation route at an Edge pool (Set-CsSite -FederationRoute). */
    void setFederationRoute(String site, Fqdn edgeFqdn);

    PoolState poolState(Fqdn fqdn);

    /**
     * Brings a deployed-in-topology target pool up. A real deployment cannot do this on its own and
     * throws a permanent failure that names the manual step; the lab installs and starts it.
     */
    void deploy(Fqdn fqdn);

    /** Stops the pool's services gracefully and removes it from the topology. No way back. */
    void decommission(Fqdn fqdn);

    /** Every service on every server of a pool (Get-CsWindowsService). */
    List<ServiceState> services(Fqdn pool);

    /** Every CMS replica's status (Get-CsManagementStoreReplicationStatus). */
    List<Replica> replication();

    /**
     * The servers whose state cannot be known: a twin's servers that did not answer the collection
     * it was made from, whose services report {@code Unknown}. A live deployment is asked at the
     * time and has none.
     */
    default List<Fqdn> unknownServers() {
        return List.of();
    }

    /** Runs one synthetic transaction. Never throws for a failed probe: the result says it. */
    ProbeResult probe(Probe probe);

    /**
     * The verifiable state of each of these users that the deployment has, in the order given;
     * users it does not have are left out. Read before a move and after it, to compare.
     */
    List<UserState> userStates(List<SipAddress> users);

    /**
     * Puts back what a user had when {@code before} was read (contacts, meetings, conference
     * directory, LineURI, Enterprise Voice, per-user policies) where it differs now; the user stays
     * on the pool it is homed on. A real deployment imports the user's data from {@code
     * before.export()} (Update-CsUserData).
     */
    void restore(UserState before);

    @Override
    void close();
}
