package io.cutover.lab.sip;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The TCP connections of one listener, within its {@link TcpLimits}. At a cap, a new connection
 * takes the place of the connection that has waited longest in the middle of a message (a slow
 * client, the kind that starves a server by holding connections half-sent); when every connection
 * at the cap has sent whole messages only, the new one is refused.
 */
final class TcpAdmission {
    /** What the admission needs of a connection. */
    interface Held {
        InetSocketAddress remote();

        /** System.nanoTime() when its pending message began, or {@link Long#MAX_VALUE} when none is pending. */
        long pendingSince();

        void close();
    }

    private final TcpLimits limits;
    private final Map<InetSocketAddress, Held> held = new ConcurrentHashMap<>();

    TcpAdmission(TcpLimits limits) {
        this.limits = limits;
    }

    /** Keeps {@code c}, making room by closing a slow connection where a cap is reached; false when it cannot. */
    synchronized boolean admit(Held c) {
        InetAddress source = c.remote().getAddress();
        Predicate<Held> sameSource = h -> h.remote().getAddress().equals(source);
        if (held.values().stream().filter(sameSource).count() >= limits.perSource() && !evictSlowest(sameSource)) {
            return false;
        }
        if (held.size() >= limits.perListener() && !evictSlowest(h -> true)) {
            return false;
        }
        held.put(c.remote(), c);
        return true;
    }

    private boolean evictSlowest(Predicate<Held> among) {
        Optional<Held> slowest = held.values().stream()
                .filter(among)
                .filter(h -> h.pendingSince() != Long.MAX_VALUE)
                .min(Comparator.comparingLong(Held::pendingSince));
        slowest.ifPresent(h -> {
            held.remove(h.remote(), h);
            h.close();
        });
        return slowest.isPresent();
    }

    Held get(InetSocketAddress remote) {
        return held.get(remote);
    }

    void remove(Held c) {
        held.remove(c.remote(), c);
    }

    List<Held> all() {
        return List.copyOf(held.values());
    }

    int size() {
        return held.size();
    }
}
