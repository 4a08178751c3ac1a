package io.cutover.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.app.Cutover;
import io.cutover.app.Workspace;
import io.cutover.plan.Phase;
import io.cutover.plan.PlanOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A resume carries on its run's own plan, and says so when the workspace's plan was made anew since. */
class ResumeAnotherPlanIT {
    private static final String TARGET = "Skype for Business Server Subscription Edition";
    private static final RunSettings UNTIL_PREPARE = new RunSettings(8, 5, Duration.ofMillis(1), Phase.Prepare, "t");

    @TempDir
    Path dir;

    private final Set<CliChild> live = ConcurrentHashMap.newKeySet();

    @AfterEach
    void killWhatIsLeft() {
        live.forEach(CliChild::destroy);
    }

    @Test
    void a_resume_after_the_workspace_was_planned_anew_warns_that_the_run_goes_on_with_its_own_plan() throws Exception {
        Path ws = dir.resolve("ws");
        Cutover setup = new Cutover(new Workspace(ws), Clock.systemUTC(), "setup");
        setup.labCreate(null);
        setup.plan(PlanOptions.defaults(TARGET), null);
        setup.run(null, UNTIL_PREPARE, false, t -> {});
        String running = setup.status().planChecksum();
        setup.plan(new PlanOptions(TARGET, 20, List.of(), List.of(50, 300), 10), null);

        CliChild resume = CliChild.start(
                Path.of("target/cutover.jar").toAbsolutePath(),
                dir.resolve("logs"),
                "resume",
                live,
                "run",
                "--resume",
                "--workspace",
                ws.toString(),
                "--until",
                "Coexistence");

        assertThat(resume.waitFor(Duration.ofMinutes(2))).isZero();
        assertThat(resume.stderr())
                .contains("is not this run's plan (" + running.substring(0, 12) + ")")
                .contains("the run goes on with its own");
        assertThat(setup.status().planChecksum()).isEqualTo(running);
    }
}
