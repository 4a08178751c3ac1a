package io.cutover.deployment;

/**
 * What a synthetic transaction reports, as a Test-Cs cmdlet does.
 *
 * @param target the pool (or Edge, or partner) FQDN the transaction exercised
 * @param error the error on failure, else null
 * @param diagnosis why it failed (for SIP, the status and reason), else null
 */
public record ProbeResult(
        Probe probe, String target, boolean success, long latencyMillis, String error, String diagnosis) {
    public static ProbeResult success(Probe probe, String target, long latencyMillis) {
        return new ProbeResult(probe, target, true, latencyMillis, null, null);
    }

    public static ProbeResult failure(Probe probe, String target, long latencyMillis, String error, String diagnosis) {
        return new ProbeResult(probe, target, false, latencyMillis, error, diagnosis);
    }
}
