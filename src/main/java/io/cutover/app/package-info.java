/**
 * The facade: one method per verb, one result record per verb. The CLI and the HTTP API are thin
 * adapters over it and serialise the same records. {@link io.cutover.app.Cutover} only delegates:
 * each verb, or a small group of them, is its own package-private class ({@code Runs},
 * {@code Rollbacks}, {@code Views}, ...), and each command holds the workspace through one
 * {@code Session}, which opens the journal and the deployment at most once and closes them. The
 * journal itself is written only by {@code io.cutover.run} and {@code io.cutover.journal}.
 */
package io.cutover.app;
