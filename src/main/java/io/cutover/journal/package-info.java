/**
 * The journal: an append-only record of every attempt at every step, written before and after,
 * in SQLite by default (Flyway migrations, so PostgreSQL can share them later). Status, resume and
 * rollback are folds over it ({@link io.cutover.journal.Progress}). It also keeps who drives the run
 * ({@link io.cutover.journal.Hold}): a lease renewed by heartbeat, with a fencing token that the
 * journal's own writes check, so two processes never carry out one run at once.
 */
package io.cutover.journal;
