package io.cutover.cli;

import io.cutover.app.Cutover;
import io.cutover.app.Workspace;
import io.cutover.metrics.Meters;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/** Options every verb takes. */
final class Common {
    @Option(
            names = "--workspace",
            paramLabel = "DIR",
            defaultValue = ".cutover",
            description = "Where the journal, lab and plan live (default: ${DEFAULT-VALUE}).")
    Path workspace;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    boolean verbose;

    Cutover facade() {
        return new Cutover(new Workspace(workspace), Clock.systemUTC(), actor());
    }

    Cutover facade(Meters meters) {
        return new Cutover(new Workspace(workspace), Clock.systemUTC(), actor(), "cli", meters);
    }

    static String actor() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }
}
