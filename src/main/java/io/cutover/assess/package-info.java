/**
 * The readiness assessment: an inventory and a target version to findings with stable codes, the
 * users who cannot move and why, and what blocks each legacy pool from going. Pure: no I/O.
 */
package io.cutover.assess;
