package io.cutover.journal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * A process asking for a lease: a fresh id for this holding, and where it runs, so that a refused
 * process can be told who holds the lease and a process on the same host can see whether the
 * holder is still alive.
 *
 * @param id new for every acquisition, so that two holdings in one process are told apart
 * @param pid the operating-system process id
 */
public record Claimant(String id, String host, long pid, String actor) {
    /** This process, acting for {@code actor}, with a fresh random id. */
    public static Claimant thisProcess(String actor) {
        return new Claimant(
                UUID.randomUUID().toString(),
                thisHost(),
                ProcessHandle.current().pid(),
                actor);
    }

    /** This host's name, as it reports it; the same for all its processes. */
    static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // A host that cannot name itself still has one name for all its processes.
            return "localhost";
        }
    }
}
