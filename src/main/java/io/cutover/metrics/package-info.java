/**
 * What the tool counts and times while it works, in the Prometheus text format: moves by pool and
 * outcome, retries, moves in flight, gate results, journal commits, probes by modality, and shell
 * round trips. The only package that knows Micrometer; the rest of the tool reaches it through the
 * small watch seams of the journal, the shell driver and the deployment.
 */
package io.cutover.metrics;
