package io.cutover.lab;

import io.cutover.lab.sip.SipNetwork;
import io.cutover.lab.sip.SipProbes;
import io.cutover.lab.sip.UserAgents;

/** The lab's SIP servers and the user agents its probes run as, started and stopped together. */
record SipMode(SipNetwork network, UserAgents agents, SipProbes probes) implements AutoCloseable {
    /** Client retransmission interval (RFC 3261's T1 is 500 ms on the Internet; loopback answers in well under 1 ms). */
    static final long DEFAULT_T1_MILLIS = 200;
    /** A probe gives up after this: a pool that is down never answers. */
    static final long DEFAULT_TIMEOUT_MILLIS = 2_000;

    private static final int AGENT_SOCKETS = 4;

    static SipMode start(LabDirectory directory, long t1Millis, long timeoutMillis) {
        SipNetwork network = SipNetwork.start(directory);
        try {
            UserAgents agents = new UserAgents(AGENT_SOCKETS, t1Millis, timeoutMillis);
            return new SipMode(network, agents, new SipProbes(network, directory, agents));
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    @Override
    public void close() {
        agents.close();
        network.close();
    }
}
