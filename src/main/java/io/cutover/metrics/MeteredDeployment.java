package io.cutover.metrics;

import io.cutover.deployment.Deployment;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeResult;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A deployment whose moves in flight are counted and whose probes are timed; everything else passes through. */
final class MeteredDeployment implements Deployment {
    private final Deployment inner;
    private final Meters meters;

    MeteredDeployment(Deployment inner, Meters meters) {
        this.inner = inner;
        this.meters = meters;
    }

    @Override
    public void move(Subject subject, Fqdn targetPool) {
        meters.moveBegan();
        try {
            inner.move(subject, targetPool);
        } finally {
            meters.moveEnded();
        }
    }

    @Override
    public void exportImport(Subject subject, Fqdn targetPool) {
        meters.moveBegan();
        try {
            inner.exportImport(subject, targetPool);
        } finally {
            meters.moveEnded();
        }
    }

    /** Timed as the probe itself reports: the deployment knows where its transaction began and ended. */
    @Override
    public ProbeResult probe(Probe probe) {
        ProbeResult result = inner.probe(probe);
        meters.probed(probe.kind(), result.success(), Duration.ofMillis(result.latencyMillis()));
        return result;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Inventory snapshot() {
        return inner.snapshot();
    }

    @Override
    public Optional<Fqdn> homeOf(Subject subject) {
        return inner.homeOf(subject);
    }

    @Override
    public void setFederationRoute(String site, Fqdn edgeFqdn) {
        inner.setFederationRoute(site, edgeFqdn);
    }

    @Override
    public PoolState poolState(Fqdn fqdn) {
        return inner.poolState(fqdn);
    }

    @Override
    public void deploy(Fqdn fqdn) {
        inner.deploy(fqdn);
    }

    @Override
    public void decommission(Fqdn fqdn) {
        inner.decommission(fqdn);
    }

    @Override
    public List<ServiceState> services(Fqdn pool) {
        return inner.services(pool);
    }

    @Override
    public List<Replica> replication() {
        return inner.replication();
    }

    @Override
    public List<Fqdn> unknownServers() {
        return inner.unknownServers();
    }

    @Override
    public List<io.cutover.deployment.UserState> userStates(List<io.cutover.inventory.SipAddress> users) {
        return inner.userStates(users);
    }

    @Override
    public void restore(io.cutover.deployment.UserState before) {
        inner.restore(before);
    }

    @Override
    public List<io.cutover.inventory.ServerVersion> serverVersions(Fqdn pool) {
        return inner.serverVersions(pool);
    }

    @Override
    public boolean perform(io.cutover.rules.Release release) {
        return inner.perform(release);
    }

    @Override
    public void close() {
        inner.close();
    }
}
