package io.cutover.plan;

/** A legacy pool the plan does not decommission, and why. */
public record KeptPool(String pool, String site, String reason) {}
