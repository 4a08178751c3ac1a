/**
 * The planner: inventory + catalog + options to a Plan, the phases of the side-by-side method per
 * site and per pool as typed steps. Pure and deterministic: the same input gives the same plan and
 * the same checksum. A plan is data (JSON), reviewable and diffable before anything runs.
 */
package io.cutover.plan;
