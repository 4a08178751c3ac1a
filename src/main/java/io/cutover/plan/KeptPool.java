package io.cutover.plan;

import io.cutover.inventory.Fqdn;

/** A legacy pool the plan does not decommission, and why. */
public record KeptPool(Fqdn pool, String site, String reason) {}
