/**
 * The journal: an append-only record of every attempt at every step, written before and after,
 * in SQLite by default (Flyway migrations, so PostgreSQL can share them later). Status, resume and
 * rollback are folds over it ({@link io.cutover.journal.Progress}).
 */
package io.cutover.journal;
