/**
 * The lab's pools as SIP servers (RFC 3261) on 127.0.0.1, UDP and TCP, and the user agents the
 * synthetic transactions run as. Registrar pools redirect, register and proxy; Edges carry remote
 * and federated traffic between an internal and an external listener; each federated partner has
 * a proxy. Routing is decided per request from a {@link io.cutover.lab.sip.Directory} the lab
 * answers from its state. A small stack of its own: stateless proxies, strict parsing (400 or drop),
 * bounded TCP connections, no fixed ports.
 */
package io.cutover.lab.sip;
