package io.cutover.cli;

import io.cutover.plan.Phase;
import io.cutover.run.RunSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How moves run: options shared by the verbs that move things. */
final class RunOptions {
    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "24",
            description = "Moves in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--attempts",
            paramLabel = "N",
            defaultValue = "5",
            description =
                    "Attempts per move before a transient failure counts as a failure (default: ${DEFAULT-VALUE}).")
    int attempts;

    @Option(
            names = "--backoff-ms",
            paramLabel = "MS",
            defaultValue = "100",
            description = "Delay before the first retry; doubles per attempt (default: ${DEFAULT-VALUE}).")
    long backoffMillis;

    RunSettings settings(Phase until) {
        if (backoffMillis < 0) {
            throw new io.cutover.CutoverException(io.cutover.ErrorCode.BAD_INPUT, "--backoff-ms must not be negative");
        }
        return new RunSettings(concurrency, attempts, Duration.ofMillis(backoffMillis), until, Common.actor());
    }
}
