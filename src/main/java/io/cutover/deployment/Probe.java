package io.cutover.deployment;

import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;

/**
 * One synthetic transaction.
 *
 * @param from the SIP address of the user who signs in and initiates
 * @param to the SIP address of the other user, or the partner domain for federated probes, or
 *     null for a registration
 * @param via the Edge pool FQDN an external probe goes through, or null
 */
public record Probe(ProbeKind kind, SipAddress from, String to, Fqdn via) {
    public static Probe registration(SipAddress user) {
        return new Probe(ProbeKind.Registration, user, null, null);
    }

    public static Probe between(ProbeKind kind, SipAddress from, String to) {
        return new Probe(kind, from, to, null);
    }

    /** A peer probe from one user to another. */
    public static Probe between(ProbeKind kind, SipAddress from, SipAddress to) {
        return new Probe(kind, from, to.text(), null);
    }
}
