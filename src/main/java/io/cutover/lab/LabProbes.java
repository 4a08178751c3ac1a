package io.cutover.lab;

import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeResult;
import io.cutover.inventory.SipAddress;
import java.util.Optional;

/** Probes of the lab: decided by the probe rules in memory, or exchanged with its SIP servers when they run; injected faults apply either way. */
final class LabProbes {
    private final LabState state;
    private final ProbeRules rules;
    private final LabFaults failures;

    LabProbes(LabState state, LabFaults failures) {
        this.state = state;
        this.rules = new ProbeRules(state);
        this.failures = failures;
    }

    /** Runs a probe; with {@code overSip} set, as a SIP exchange with the lab's servers. */
    ProbeResult probe(Probe probe, SipMode overSip) {
        if (probe == null || probe.kind() == null) {
            return ProbeResult.failure(
                    probe, null, 0, "the probe has no kind", "400 Bad Request: the probe has no kind");
        }
        try {
            String op = Operations.of(probe.kind());
            String target = rules.target(probe);
            FaultProfile faults = state.faults();
            long latency = faults.latencyMillis(op, target);
            if (latency > 0) {
                Thread.sleep(latency);
            }
            int failedAttempt = failures.draw(faults, op, probeKey(probe), target);
            if (overSip != null) {
                ProbeResult exchanged = overSip.probes().run(probe, target);
                if (!exchanged.success()) {
                    return ProbeResult.failure(
                            probe,
                            target,
                            latency + exchanged.latencyMillis(),
                            exchanged.error(),
                            exchanged.diagnosis());
                }
                latency += exchanged.latencyMillis();
            } else {
                Optional<ProbeRules.Refusal> refusal = rules.check(probe);
                if (refusal.isPresent()) {
                    return ProbeResult.failure(
                            probe,
                            target,
                            latency,
                            refusal.get().error(),
                            refusal.get().diagnosis());
                }
            }
            Optional<String> user = faults.probeFailureFor(probe);
            if (user.isPresent()) {
                return ProbeResult.failure(
                        probe,
                        target,
                        latency,
                        "probes of " + user.get() + " fail (injected fault)",
                        "504 Server Time-out: probes of " + user.get() + " fail (injected fault)");
            }
            if (failedAttempt > 0) {
                return ProbeResult.failure(
                        probe,
                        target,
                        latency,
                        "no answer in time (injected fault, attempt " + failedAttempt + ")",
                        "408 Request Timeout: no answer from " + target + " (injected fault, attempt " + failedAttempt
                                + ")");
            }
            return ProbeResult.success(probe, target, latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.failure(probe, null, 0, "interrupted", "487 Request Terminated: interrupted");
        } catch (RuntimeException e) {
            // A probe reports; it never throws. The result carries what went wrong.
            return ProbeResult.failure(
                    probe,
                    null,
                    0,
                    "the lab could not run the probe: " + e,
                    "500 Server Internal Error: " + e.getMessage());
        }
    }

    private static String probeKey(Probe p) {
        // to is a SIP address or, for a federated probe, a partner domain: both compare case-insensitively.
        return p.kind() + "|" + p.from().key() + "|" + SipAddress.key(p.to()) + "|"
                + (p.via() == null ? "" : p.via().key());
    }
}
