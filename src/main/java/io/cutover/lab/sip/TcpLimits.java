package io.cutover.lab.sip;

import java.time.Duration;

/**
 * How many TCP connections a SIP listener keeps and for how long, so slow or idle clients cannot
 * lock new ones out.
 *
 * @param perListener connections one listener keeps open at once (default 256)
 * @param perSource connections one source address may hold on one listener (default 64)
 * @param request time a connection has to send a whole message, from its first byte (or from
 *     connecting) to its last (default 10 s); past it the connection is closed
 * @param idle time a connection may stay silent between whole messages (default 120 s)
 */
public record TcpLimits(int perListener, int perSource, Duration request, Duration idle) {
    public static final TcpLimits DEFAULTS = new TcpLimits(256, 64, Duration.ofSeconds(10), Duration.ofSeconds(120));
}
