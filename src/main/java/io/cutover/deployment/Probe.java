package io.cutover.deployment;

/**
 * One synthetic transaction.
 *
 * @param from the SIP address of the user who signs in and initiates
 * @param to the SIP address of the other user, or the partner domain for federated probes, or
 *     null for a registration
 * @param via the Edge pool FQDN an external probe goes through, or null
 */
public record Probe(ProbeKind kind, String from, String to, String via) {
    public static Probe registration(String user) {
        return new Probe(ProbeKind.Registration, user, null, null);
    }

    public static Probe between(ProbeKind kind, String from, String to) {
        return new Probe(kind, from, to, null);
    }
}
