package io.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.CutoverException;
import io.cutover.assess.Assessment;
import io.cutover.assess.Assessor;
import io.cutover.catalog.Catalog;
import io.cutover.folder.FolderRead;
import io.cutover.folder.FolderReader;
import io.cutover.folder.FolderWriter;
import io.cutover.journal.Journal;
import io.cutover.lab.Lab;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Planner;
import io.cutover.run.Executor;
import io.cutover.run.RunOutcome;
import io.cutover.run.RunSettings;
import io.cutover.run.RunStart;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over seeded random deployments (see {@link GeneratedTopology}), each written as an inventory
 * folder: {@code assess} says READY exactly when {@code rehearse --from} the same folder finishes,
 * and a NOT READY names something the plan or the rehearsal stops at too. The rehearsal runs as the
 * verb does (a twin of the folder, planned from its snapshot, run by the executor with a journal),
 * in process.
 */
class AssessRehearseAgreementIT {
    private static final int TOPOLOGIES = 500;
    private static final Catalog CATALOG = Catalog.bundled();

    @TempDir
    Path tmp;

    /** What rehearsing one folder came to: finished, or the words of where it stopped. */
    private record Rehearsed(boolean finished, String stoppedAt) {}

    @Test
    void assess_is_ready_exactly_when_the_rehearsal_of_the_same_folder_finishes() {
        List<String> disagreements = new ArrayList<>();
        int ready = 0;
        // One journal for every run, as one workspace's journal keeps run after run: opening and
        // migrating a journal costs more than a small rehearsal.
        try (Journal journal = Journal.open(tmp.resolve("journal.db"))) {
            for (long seed = 1; seed <= TOPOLOGIES; seed++) {
                GeneratedTopology g = GeneratedTopology.of(seed);
                Path folder = tmp.resolve("t" + seed);
                new FolderWriter(CATALOG).write(folder, g.inventory(), g.unanswered(), g.unhomed());
                FolderRead read = FolderReader.read(folder, CATALOG);
                Assessment a = Assessor.assess(
                        read.inventory(),
                        CATALOG,
                        CATALOG.version(GeneratedTopology.TARGET),
                        read.unanswered(),
                        read.unhomed(),
                        CATALOG.reviewed());
                Rehearsed r = rehearse(read, journal);
                ready += a.ready() ? 1 : 0;
                if (a.ready() != r.finished()) {
                    disagreements.add("seed " + seed + ": assess " + (a.ready() ? "READY" : "NOT READY " + errors(a))
                            + ", rehearsal " + (r.finished() ? "finished" : "stopped: " + r.stoppedAt()));
                } else if (!a.ready() && errors(a).stream().noneMatch(r.stoppedAt()::contains)) {
                    disagreements.add("seed " + seed + ": NOT READY for " + errors(a)
                            + ", but the rehearsal stopped at " + r.stoppedAt());
                }
            }
        }
        assertThat(disagreements)
                .as("%d of %d assessed READY", ready, TOPOLOGIES)
                .isEmpty();
        // Both verdicts are drawn, or the property says nothing.
        assertThat(ready).isBetween(TOPOLOGIES / 10, TOPOLOGIES - TOPOLOGIES / 10);
    }

    private static List<String> errors(Assessment a) {
        return a.findings().stream()
                .filter(f -> f.severity() == Assessment.Severity.ERROR)
                .map(Assessment.Finding::subject)
                .toList();
    }

    private static Rehearsed rehearse(FolderRead read, Journal journal) {
        try (Lab lab = Lab.inMemoryTwin(
                read.inventory(), read.servicesCollected(), read.unanswered(), "generated", Clock.systemUTC())) {
            Plan plan;
            try {
                plan = Planner.plan(lab.snapshot(), CATALOG, PlanOptions.defaults(GeneratedTopology.TARGET), "lab");
            } catch (CutoverException e) {
                return new Rehearsed(false, e.getMessage());
            }
            {
                RunOutcome outcome = new Executor(
                                plan,
                                RunStart.begin(
                                        journal, plan, "lab", Clock.systemUTC().instant()),
                                journal,
                                lab,
                                Clock.systemUTC(),
                                new RunSettings(4, 2, Duration.ZERO, null, "tester"))
                        .run();
                return new Rehearsed(outcome instanceof RunOutcome.Finished, outcome.toString());
            }
        }
    }
}
