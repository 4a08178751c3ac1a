/**
 * Checks: the evidence a gate asks for before a migration may go on (services running, replicas up
 * to date, cross-version communication, registration, policy parity, Edge and federation reach,
 * the drain check). A check is data in the plan; {@code CheckRunner} evaluates it against a
 * deployment.
 */
package io.cutover.check;
