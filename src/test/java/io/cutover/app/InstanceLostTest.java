package io.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.journal.Journal;
import io.cutover.journal.Notice;
import io.cutover.journal.NoticeKind;
import io.cutover.journal.Progress;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.run.Executor;
import io.cutover.run.Parallelism;
import io.cutover.run.RunSettings;
import io.cutover.run.Units;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An instance that takes over the units of one that died tells people, once, who was lost and what it held. */
class InstanceLostTest {
    private static final Parallelism SHARED = new Parallelism(true, false, 0, 0, Parallelism.DEFAULT_SLICE);

    @TempDir
    Path dir;

    private static RunSettings settings() {
        return new RunSettings(4, 3, Duration.ofMillis(1), null, "alice");
    }

    @Test
    void taking_over_the_units_of_a_lost_instance_sends_one_notice_naming_it_and_its_units() throws Exception {
        Cutover cutover = new Cutover(new Workspace(dir.resolve("ws")), Clock.systemUTC(), "alice");
        cutover.labCreate(Files.writeString(dir.resolve("scenario.yaml"), ErrorBudgetRunTest.SCENARIO));
        cutover.plan(new PlanOptions("Skype for Business Server 2019", 2, List.of(), List.of(500), 2), null);
        assertThat(cutover.run(null, settings().withUntil(Phase.PilotValidation), false, t -> {})
                        .exitCode())
                .isZero();
        String runId;
        List<String> ghostUnits;
        try (Journal j = Journal.open(cutover.workspace().journal())) {
            runId = j.currentRunId().orElseThrow();
            Plan plan = cutover.readPlan(cutover.workspace().plan());
            Units units = Executor.units(plan, SHARED);
            ghostUnits = units.ready(Progress.of(j.entries(runId)), settings()).stream()
                    .map(Units.Unit::id)
                    .limit(2)
                    .toList();
        }
        assertThat(ghostUnits).hasSize(2);
        heldByALostInstance(runId, ghostUnits);

        var result = cutover.run(null, settings(), SHARED, true, t -> {}, Target.lab());

        assertThat(result.exitCode()).as(result.message()).isZero();
        List<Notice> lost;
        try (Journal j = Journal.open(cutover.workspace().journal())) {
            lost = j.outbox().notices().stream()
                    .filter(n -> n.kind() == NoticeKind.INSTANCE_LOST)
                    .toList();
        }
        assertThat(lost).singleElement().satisfies(n -> {
            assertThat(n.title()).contains("process 4242 on host ghost-host (carol)");
            assertThat(n.lines())
                    .anySatisfy(l -> assertThat(l).contains("heartbeat expired"))
                    .contains("unit: " + ghostUnits.get(0), "unit: " + ghostUnits.get(1));
        });
    }

    /** The lease rows a process leaves behind when it dies holding units: its heartbeat an hour old. */
    private void heldByALostInstance(String runId, List<String> units) throws Exception {
        String hourAgo = Instant.now().minus(Duration.ofHours(1)).toString();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + new Workspace(dir.resolve("ws")).journal());
                PreparedStatement s = c.prepareStatement("insert into lease (scope, holder, host, pid, actor,"
                        + " acquired_at, heartbeat_at, released_at, token) values (?, 'ghost-id', 'ghost-host', 4242,"
                        + " 'carol', ?, ?, null, 1)")) {
            for (String unit : units) {
                s.setString(1, "unit:" + runId + "/" + unit);
                s.setString(2, hourAgo);
                s.setString(3, hourAgo);
                s.executeUpdate();
            }
        }
    }
}
