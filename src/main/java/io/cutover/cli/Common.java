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

    @Option(
            names = "--store",
            paramLabel = "URL",
            description = "Keep the journal in this PostgreSQL database (jdbc:postgresql://host:5432/db?user=NAME)"
                    + " instead of the workspace's SQLite file; remembered in the workspace once it opened. The"
                    + " password comes from --store-password-file or the environment variable"
                    + " CUTOVER_STORE_PASSWORD; a URL carrying one is refused.")
    String store;

    @Option(
            names = "--store-password-file",
            paramLabel = "FILE",
            description =
                    "Read the store's password from this file, which only its owner may read (remembered with --store;"
                            + " the password itself is not).")
    Path storePasswordFile;

    /** The workspace, remembering the store given with {@code --store} once it opened. */
    Workspace workspace() {
        Workspace w = new Workspace(workspace);
        rememberStoreIn(w);
        return w;
    }

    /** Has {@code w} remember the store given with {@code --store}, once it opened; none given, nothing. */
    void rememberStoreIn(Workspace w) {
        if (store != null) {
            w.rememberStore(store, storePasswordFile);
        } else if (storePasswordFile != null) {
            throw new io.cutover.CutoverException(
                    io.cutover.ErrorCode.BAD_INPUT, "--store-password-file goes with --store URL");
        }
    }

    Cutover facade() {
        return new Cutover(workspace(), Clock.systemUTC(), actor());
    }

    Cutover facade(Meters meters) {
        return new Cutover(workspace(), Clock.systemUTC(), actor(), "cli", meters);
    }

    static String actor() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }
}
