/**
 * The executor: a thin loop that asks a pure function of plan and journal what to do next
 * ({@link io.cutover.run.Decide}), journals the intent, calls the deployment and journals the
 * outcome. Also rollback (with its predicted impact) and status, both computed from the journal.
 */
package io.cutover.run;
