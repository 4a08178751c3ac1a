package io.cutover.catalog;

/**
 * One row of the sign-in table: clients of this family, from this build on, may sign in to a
 * server version.
 *
 * @param family a {@link ClientFamily#name()}
 * @param minimum the oldest build that may sign in, or null when any build of the family may
 */
public record SignInRule(String family, Build minimum) {}
