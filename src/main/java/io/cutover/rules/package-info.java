/**
 * The one rule set of what keeps a pool in place: for an inventory, what depends on each pool
 * (homed users and objects, the CMS, federation and XMPP federation routes, the pools whose next hop
 * or associated pool it is) and which step clears each dependency: a move the product makes, the
 * holder's own decommission, or a manual step a person does, approves and the run then verifies.
 * Assessment, planner, drain check, status and the lab all ask it. Pure: no I/O, clock or logging.
 */
package io.cutover.rules;
