/**
 * Benchmarks behind {@code cutover bench}: planning time, journaled move throughput and how close
 * concurrent moves come to the ideal. They print measured figures (medians over repetitions); the
 * README records them with the command that reproduces them.
 */
package io.cutover.bench;
