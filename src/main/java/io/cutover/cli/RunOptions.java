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
            description = "Moves in flight at once, 1 to 512 (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--attempts",
            paramLabel = "N",
            defaultValue = "5",
            description =
                    "Attempts per move, 1 to 100, before a transient failure counts as a failure (default: ${DEFAULT-VALUE}).")
    int attempts;

    @Option(
            names = "--backoff-ms",
            paramLabel = "MS",
            defaultValue = "100",
            description =
                    "Delay before the first retry, 0 to 60000 ms; doubles per attempt up to 64 times, half of it random (default: ${DEFAULT-VALUE}).")
    long backoffMillis;

    static final OptionRange CONCURRENCY = new OptionRange("--concurrency", 1, RunSettings.MAX_CONCURRENCY);
    static final OptionRange ATTEMPTS = new OptionRange("--attempts", 1, RunSettings.MAX_ATTEMPTS);
    static final OptionRange BACKOFF = new OptionRange("--backoff-ms", 0, RunSettings.MAX_BACKOFF_MILLIS);

    /** The settings; checks every option's range first. */
    RunSettings settings(Phase until) {
        CONCURRENCY.check(concurrency);
        ATTEMPTS.check(attempts);
        BACKOFF.check(backoffMillis);
        return new RunSettings(concurrency, attempts, Duration.ofMillis(backoffMillis), until, Common.actor());
    }
}
