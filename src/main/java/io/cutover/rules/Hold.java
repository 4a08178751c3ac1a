package io.cutover.rules;

import io.cutover.inventory.Fqdn;

/**
 * One thing that keeps {@code pool} in place.
 *
 * @param holder who holds it: a pool FQDN, a site name, or null for the pool's own users, objects
 *     and CMS
 * @param count how many users or objects, 1 for any other hold
 * @param what one line for people, e.g. "Survivable Branch Appliance sba01.contoso.com is associated
 *     with it"
 */
public record Hold(Fqdn pool, HoldKind kind, String holder, int count, String what) {}
