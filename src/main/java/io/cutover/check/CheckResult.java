package io.cutover.check;

import java.util.List;

/**
 * The outcome of one check, with its evidence.
 *
 * @param failures one line per failing subject, for people
 * @param subjects the users or pools that failed, so status can name them
 * @param evidence the probes run, passing and failing (a bounded sample for big checks)
 */
public record CheckResult(
        String check, boolean passed, List<String> failures, List<String> subjects, int probes, List<String> evidence) {
    public CheckResult {
        failures = List.copyOf(failures);
        subjects = List.copyOf(subjects);
        evidence = List.copyOf(evidence);
    }
}
