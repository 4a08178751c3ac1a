package io.cutover.run;

import io.cutover.deployment.Deployment;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeResult;
import io.cutover.deployment.Subject;
import io.cutover.deployment.UserState;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServerVersion;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.SipAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A deployment whose changes cost virtual time: each move (or export and import) moves the {@link
 * VirtualTime} on by {@code perMove}, each other change (deploy, federation route, decommission, a
 * manual step done by the lab) by {@code perChange}, once it is done. Reads and probes cost
 * nothing. So a rehearsal's journal carries the instants a real run of that pace would have, the
 * same on every run whatever the machine's speed.
 */
public final class VirtualCosts implements Deployment {
    private final Deployment d;
    private final VirtualTime time;
    private final Duration perMove;
    private final Duration perChange;

    public VirtualCosts(Deployment d, VirtualTime time, Duration perMove, Duration perChange) {
        this.d = d;
        this.time = time;
        this.perMove = perMove;
        this.perChange = perChange;
    }

    @Override
    public void move(Subject subject, Fqdn targetPool) {
        d.move(subject, targetPool);
        time.advance(perMove);
    }

    @Override
    public void exportImport(Subject subject, Fqdn targetPool) {
        d.exportImport(subject, targetPool);
        time.advance(perMove);
    }

    @Override
    public boolean perform(io.cutover.rules.Release release) {
        boolean done = d.perform(release);
        time.advance(perChange);
        return done;
    }

    @Override
    public void setFederationRoute(String site, Fqdn edgeFqdn) {
        d.setFederationRoute(site, edgeFqdn);
        time.advance(perChange);
    }

    @Override
    public void deploy(Fqdn fqdn) {
        d.deploy(fqdn);
        time.advance(perChange);
    }

    @Override
    public void decommission(Fqdn fqdn) {
        d.decommission(fqdn);
        time.advance(perChange);
    }

    @Override
    public String name() {
        return d.name();
    }

    @Override
    public Inventory snapshot() {
        return d.snapshot();
    }

    @Override
    public Optional<Fqdn> homeOf(Subject subject) {
        return d.homeOf(subject);
    }

    @Override
    public List<ServerVersion> serverVersions(Fqdn pool) {
        return d.serverVersions(pool);
    }

    @Override
    public PoolState poolState(Fqdn fqdn) {
        return d.poolState(fqdn);
    }

    @Override
    public List<ServiceState> services(Fqdn pool) {
        return d.services(pool);
    }

    @Override
    public List<Replica> replication() {
        return d.replication();
    }

    @Override
    public List<Fqdn> unknownServers() {
        return d.unknownServers();
    }

    @Override
    public ProbeResult probe(Probe probe) {
        return d.probe(probe);
    }

    @Override
    public List<UserState> userStates(List<SipAddress> users) {
        return d.userStates(users);
    }

    @Override
    public void restore(UserState before) {
        d.restore(before);
    }

    @Override
    public void close() {
        d.close();
    }
}
