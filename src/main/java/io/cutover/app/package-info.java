/**
 * The facade: one method per verb, one result record per verb. The CLI (and later the HTTP API)
 * are thin adapters over it and serialise the same records.
 */
package io.cutover.app;
