package io.cutover.metrics;

import io.cutover.deployment.Deployment;
import io.cutover.deployment.ForwardingDeployment;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeResult;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import java.time.Duration;

/** A deployment whose moves in flight are counted and whose probes are timed; everything else passes through. */
final class MeteredDeployment extends ForwardingDeployment {
    private final Meters meters;

    MeteredDeployment(Deployment inner, Meters meters) {
        super(inner);
        this.meters = meters;
    }

    @Override
    public void move(Subject subject, Fqdn targetPool) {
        meters.moveBegan();
        try {
            delegate.move(subject, targetPool);
        } finally {
            meters.moveEnded();
        }
    }

    @Override
    public void exportImport(Subject subject, Fqdn targetPool) {
        meters.moveBegan();
        try {
            delegate.exportImport(subject, targetPool);
        } finally {
            meters.moveEnded();
        }
    }

    /** Timed as the probe itself reports: the deployment knows where its transaction began and ended. */
    @Override
    public ProbeResult probe(Probe probe) {
        ProbeResult result = delegate.probe(probe);
        meters.probed(probe.kind(), result.success(), Duration.ofMillis(result.latencyMillis()));
        return result;
    }
}
