package io.cutover.app;

import java.nio.file.Path;

/**
 * Where a migration keeps its state: the journal, the lab (when the target is the lab) and the
 * current plan. {@code ./.cutover} by default.
 */
public record Workspace(Path dir) {
    public Path journal() {
        return dir.resolve("journal.db");
    }

    public Path lab() {
        return dir.resolve("lab");
    }

    public Path plan() {
        return dir.resolve("plan.json");
    }
}
