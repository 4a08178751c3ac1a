/**
 * The lab: an emulated Lync / Skype for Business deployment behind the {@code Deployment} port,
 * the default target of every command. A scenario (YAML, see {@code examples/contoso}) describes
 * the deployment compactly and expands deterministically into an inventory; faults (seeded,
 * reproducible) make it fail on purpose; an append-only log in {@code lab.db} lets it survive the
 * process that drives it.
 */
package io.cutover.lab;
