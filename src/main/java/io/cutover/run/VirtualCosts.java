package io.cutover.run;

import io.cutover.deployment.Deployment;
import io.cutover.deployment.ForwardingDeployment;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import java.time.Duration;

/**
 * A deployment whose changes cost virtual time: each move (or export and import) moves the {@link
 * VirtualTime} on by {@code perMove}, each other change (deploy, federation route, decommission, a
 * manual step done by the lab) by {@code perChange}, once it is done. Reads and probes cost
 * nothing. So a rehearsal's journal carries the instants a real run of that pace would have, the
 * same on every run whatever the machine's speed.
 */
public final class VirtualCosts extends ForwardingDeployment {
    private final VirtualTime time;
    private final Duration perMove;
    private final Duration perChange;

    public VirtualCosts(Deployment d, VirtualTime time, Duration perMove, Duration perChange) {
        super(d);
        this.time = time;
        this.perMove = perMove;
        this.perChange = perChange;
    }

    @Override
    public void move(Subject subject, Fqdn targetPool) {
        delegate.move(subject, targetPool);
        time.advance(perMove);
    }

    @Override
    public void exportImport(Subject subject, Fqdn targetPool) {
        delegate.exportImport(subject, targetPool);
        time.advance(perMove);
    }

    @Override
    public boolean perform(io.cutover.rules.Release release) {
        boolean done = delegate.perform(release);
        time.advance(perChange);
        return done;
    }

    @Override
    public void setFederationRoute(String site, Fqdn edgeFqdn) {
        delegate.setFederationRoute(site, edgeFqdn);
        time.advance(perChange);
    }

    @Override
    public void deploy(Fqdn fqdn) {
        delegate.deploy(fqdn);
        time.advance(perChange);
    }

    @Override
    public void decommission(Fqdn fqdn) {
        delegate.decommission(fqdn);
        time.advance(perChange);
    }
}
