package io.cutover.shell;

import io.cutover.deployment.DeploymentFailure;
import java.util.List;
import java.util.Locale;

/** What an error record's text says: whether the operation may succeed if tried again, whether its object is missing. */
final class ShellErrors {
    private static final List<String> TRANSIENT = List.of(
            "timed out",
            "timeout",
            "temporarily unavailable",
            "rpc server is unavailable",
            "server is busy",
            "try again",
            "cannot contact",
            "could not be contacted",
            "not available",
            "unable to connect");

    private ShellErrors() {}

    /** Whether an error record's text says the operation may succeed if tried again. */
    static boolean isTransient(String error) {
        String e = error.toLowerCase(Locale.ROOT);
        return TRANSIENT.stream().anyMatch(e::contains);
    }

    static DeploymentFailure failure(String what, String error) {
        String msg = what + ": " + error;
        return isTransient(error) ? DeploymentFailure.retryable(msg) : DeploymentFailure.permanent(msg);
    }

    static boolean notFound(String error) {
        String e = error.toLowerCase(Locale.ROOT);
        return e.contains("not found") || e.contains("cannot find") || e.contains("does not exist");
    }
}
