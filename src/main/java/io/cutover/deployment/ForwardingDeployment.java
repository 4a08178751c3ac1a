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
 * A deployment that passes every operation on to another, for wrappers that add something to a
 * few of them (metering, caps on moves in flight, virtual time). Every method of {@link
 * Deployment}, defaults included, is passed on here, so a wrapper cannot silently fall back to a
 * default that the deployment underneath does differently.
 */
public abstract class ForwardingDeployment implements Deployment {
    /** The deployment every operation goes to. */
    protected final Deployment delegate;

    protected ForwardingDeployment(Deployment delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Inventory snapshot() {
        return delegate.snapshot();
    }

    @Override
    public Optional<Fqdn> homeOf(Subject subject) {
        return delegate.homeOf(subject);
    }

    @Override
    public void move(Subject subject, Fqdn targetPool) {
        delegate.move(subject, targetPool);
    }

    @Override
    public void exportImport(Subject subject, Fqdn targetPool) {
        delegate.exportImport(subject, targetPool);
    }

    @Override
    public List<ServerVersion> serverVersions(Fqdn pool) {
        return delegate.serverVersions(pool);
    }

    @Override
    public boolean perform(io.cutover.rules.Release release) {
        return delegate.perform(release);
    }

    @Override
    public void setFederationRoute(String site, Fqdn edgeFqdn) {
        delegate.setFederationRoute(site, edgeFqdn);
    }

    @Override
    public PoolState poolState(Fqdn fqdn) {
        return delegate.poolState(fqdn);
    }

    @Override
    public void deploy(Fqdn fqdn) {
        delegate.deploy(fqdn);
    }

    @Override
    public void decommission(Fqdn fqdn) {
        delegate.decommission(fqdn);
    }

    @Override
    public List<ServiceState> services(Fqdn pool) {
        return delegate.services(pool);
    }

    @Override
    public List<Replica> replication() {
        return delegate.replication();
    }

    @Override
    public List<Fqdn> unknownServers() {
        return delegate.unknownServers();
    }

    @Override
    public ProbeResult probe(Probe probe) {
        return delegate.probe(probe);
    }

    @Override
    public List<UserState> userStates(List<SipAddress> users) {
        return delegate.userStates(users);
    }

    @Override
    public void restore(UserState before) {
        delegate.restore(before);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
