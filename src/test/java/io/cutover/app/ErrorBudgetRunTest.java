package io.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.journal.Action;
import io.cutover.journal.Entry;
import io.cutover.journal.Event;
import io.cutover.journal.Journal;
import io.cutover.journal.Notice;
import io.cutover.journal.NoticeKind;
import io.cutover.journal.Outcome;
import io.cutover.plan.Move;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Step;
import io.cutover.run.Parallelism;
import io.cutover.run.RunSettings;
import io.cutover.run.RunState;
import io.cutover.run.StatusReport;
import io.cutover.schedule.ChangeWindows;
import io.cutover.schedule.ErrorBudget;
import io.cutover.schedule.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Error budgets in the run: a lab whose moves into the new pools fail (a fault profile injected
 * after the pilot) holds the production wave once a legacy pool's budget runs out, and goes on
 * after the operator resumes, every user moved once.
 */
class ErrorBudgetRunTest {
    private static final String TARGET = "Skype for Business Server 2019";
    private static final String REDMOND_WAVE = "Redmond/pool13.contoso.com/wave-01";

    /** Two sites, each a Lync 2013 pool of 40 users moving to a 2019 pool. */
    static final String SCENARIO = """
            name: Budget
            domain: contoso.com
            epoch: 2024-03-01T09:00:00Z
            policies: {Conferencing: Default, Voice: Default}
            sites:
              - {name: Redmond, siteId: 1, federationRoute: edge13.contoso.com}
              - {name: Dublin, siteId: 2}
            pools:
              - {fqdn: pool13.contoso.com, site: Redmond, role: FrontEnd, version: Lync Server 2013, servers: 2,
                 users: {count: 40, name: "red{n:03}", test: 2}}
              - {fqdn: edge13.contoso.com, site: Redmond, role: Edge, version: Lync Server 2013, servers: 1,
                 nextHop: pool13.contoso.com}
              - {fqdn: pool19.contoso.com, site: Redmond, role: FrontEnd, version: Skype for Business Server 2019, servers: 2}
              - {fqdn: edge19.contoso.com, site: Redmond, role: Edge, version: Skype for Business Server 2019, servers: 1,
                 nextHop: pool19.contoso.com}
              - {fqdn: dub13.contoso.com, site: Dublin, role: FrontEnd, version: Lync Server 2013, servers: 1,
                 users: {count: 40, name: "dub{n:03}", test: 2}}
              - {fqdn: dub19.contoso.com, site: Dublin, role: FrontEnd, version: Skype for Business Server 2019, servers: 1}
            cms: pool13.contoso.com
            partners: [fabrikam.com]
            """;

    @TempDir
    Path dir;

    private Cutover cutover;

    /** A lab with the plan's pilots moved and checked: what follows is the production waves. */
    private void pilotsDone() throws Exception {
        cutover = new Cutover(new Workspace(dir.resolve("ws")), Clock.systemUTC(), "alice");
        cutover.labCreate(Files.writeString(dir.resolve("scenario.yaml"), SCENARIO));
        cutover.plan(new PlanOptions(TARGET, 2, List.of(), List.of(500), 2), null);
        var pilot = cutover.run(null, settings(Schedule.NONE).withUntil(Phase.PilotValidation), false, t -> {});
        assertThat(pilot.exitCode()).as(pilot.message()).isZero();
    }

    /** Moves into {@code pool} fail at {@code rate}; with one attempt each failure is final. */
    private void movesInto(String pool, double rate) throws Exception {
        cutover.labInject(Files.writeString(
                dir.resolve("faults.yaml"),
                "seed: 11\ninject:\n  - {type: failureRate, operation: move, pool: " + pool + ", rate: " + rate
                        + "}\n"));
    }

    private static RunSettings settings(Schedule schedule) {
        return new RunSettings(4, 1, Duration.ofMillis(1), null, "alice").withSchedule(schedule);
    }

    private static Schedule poolBudget(ErrorBudget b) {
        return new Schedule(ChangeWindows.ALWAYS, b, ErrorBudget.NONE);
    }

    private Results.RunResult resume(Schedule schedule) {
        return cutover.run(null, settings(schedule), true, t -> {});
    }

    private Results.RunResult resume(Schedule schedule, Parallelism p) {
        return cutover.run(null, settings(schedule), p, true, t -> {}, Target.lab());
    }

    private List<Entry> journal() {
        try (Journal j = Journal.open(cutover.workspace().journal())) {
            return j.entries(j.currentRunId().orElseThrow());
        }
    }

    private List<Notice> notices() {
        try (Journal j = Journal.open(cutover.workspace().journal())) {
            return j.outbox().notices();
        }
    }

    private Step.MoveBatch wave(String id) {
        Plan plan = cutover.readPlan(cutover.workspace().plan());
        return (Step.MoveBatch) plan.findStep(id).orElseThrow();
    }

    /** How many times each item of a step was begun, or ended with {@code outcome}. */
    private Map<String, Long> count(String stepId, Event event, Outcome outcome) {
        return journal().stream()
                .filter(e -> e.stepId().equals(stepId) && e.item() != null && e.action() == Action.DO)
                .filter(e -> e.event() == event && (outcome == null || e.outcome() == outcome))
                .collect(Collectors.groupingBy(Entry::item, Collectors.counting()));
    }

    private void everyItemMovedOnce(String stepId) {
        Map<String, Long> ok = count(stepId, Event.END, Outcome.OK);
        List<String> items = wave(stepId).moves().stream().map(Move::item).toList();
        assertThat(ok.keySet()).containsExactlyInAnyOrderElementsOf(items);
        assertThat(ok.values()).containsOnly(1L);
    }

    @Test
    void a_third_of_the_moves_failing_holds_the_wave_before_it_is_done_naming_the_legacy_pool() throws Exception {
        pilotsDone();
        movesInto("pool19.contoso.com", 0.34);

        var held = resume(poolBudget(new ErrorBudget(10, 20, 0)));

        assertThat(held.exitCode()).as(held.message()).isEqualTo(5);
        assertThat(held.outcome()).isEqualTo("held-budget");
        assertThat(held.message()).contains("pool pool13.contoso.com").contains("of the last 20 moves failed");
        int planned = wave(REDMOND_WAVE).moves().size();
        assertThat(count(REDMOND_WAVE, Event.END, Outcome.OK).size()).isLessThan(planned);
        assertThat(count(REDMOND_WAVE, Event.BEGIN, null).size())
                .as("moves begun before the hold")
                .isLessThan(planned);
    }

    @Test
    void status_names_the_hold_with_its_budget_pool_and_figures_and_the_outbox_has_one_notice() throws Exception {
        pilotsDone();
        movesInto("pool19.contoso.com", 0.34);
        resume(poolBudget(new ErrorBudget(10, 20, 0)));

        StatusReport status = new Cutover(cutover.workspace(), Clock.systemUTC(), "bob").status();

        assertThat(status.state()).isEqualTo(RunState.HELD);
        StatusReport.BudgetLine hold = status.budgetHold();
        assertThat(hold.budget()).isEqualTo("pool");
        assertThat(hold.scope()).isEqualTo("pool13.contoso.com");
        assertThat(hold.stepId()).isEqualTo(REDMOND_WAVE);
        assertThat(hold.considered()).isEqualTo(20);
        assertThat(hold.failed()).isGreaterThan(2).isEqualTo(hold.failures().size());
        assertThat(hold.failures()).allSatisfy(f -> assertThat(f).startsWith("User:sip:red"));
        assertThat(cutover.liveView(false).status().budgetHold())
                .as("the dashboard's view")
                .isEqualTo(hold);
        assertThat(notices())
                .filteredOn(n -> n.kind() == NoticeKind.BUDGET_EXHAUSTED)
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.title()).contains("pool pool13.contoso.com");
                    assertThat(String.join("\n", n.lines()))
                            .contains(hold.failures().get(0))
                            .contains("cutover run --resume");
                });
    }

    @Test
    void failures_in_a_row_hold_the_run_at_once() throws Exception {
        pilotsDone();
        movesInto("pool19.contoso.com", 1.0);

        var held = resume(poolBudget(new ErrorBudget(0, 0, 3)));

        assertThat(held.exitCode()).as(held.message()).isEqualTo(5);
        assertThat(held.message()).contains("pool pool13.contoso.com").contains("failed in a row");
        // Those in flight when the third failed still end; none starts after.
        assertThat(count(REDMOND_WAVE, Event.END, Outcome.FAILED).size()).isBetween(3, 3 + 2 * 4);
    }

    @Test
    void failures_below_the_threshold_do_not_hold_the_run() throws Exception {
        pilotsDone();
        movesInto("pool19.contoso.com", 0.1);

        var result = resume(poolBudget(new ErrorBudget(50, 20, 5)));

        assertThat(result.exitCode()).as(result.message()).isEqualTo(3);
        assertThat(result.outcome()).isEqualTo("step-failed");
        assertThat(count(REDMOND_WAVE, Event.END, Outcome.FAILED)).isNotEmpty();
        assertThat(count(REDMOND_WAVE, Event.BEGIN, null))
                .hasSize(wave(REDMOND_WAVE).moves().size());
        assertThat(cutover.status().budgetHold()).isNull();
        assertThat(notices()).noneMatch(n -> n.kind() == NoticeKind.BUDGET_EXHAUSTED);
    }

    @Test
    void resume_after_the_hold_goes_on_counting_afresh_and_moves_every_held_user_once() throws Exception {
        pilotsDone();
        movesInto("pool19.contoso.com", 0.34);
        Schedule budget = poolBudget(new ErrorBudget(10, 20, 0));
        assertThat(resume(budget).exitCode()).isEqualTo(5);
        cutover.labClear();

        var done = resume(budget);

        assertThat(done.exitCode()).as(done.message()).isZero();
        assertThat(cutover.status().state()).isEqualTo(RunState.FINISHED);
        assertThat(cutover.status().budgetHold()).isNull();
        everyItemMovedOnce(REDMOND_WAVE);
        everyItemMovedOnce("Dublin/dub13.contoso.com/wave-01");
    }

    @Test
    void sites_in_parallel_hold_every_claimer_and_resume_moves_every_user_once() throws Exception {
        pilotsDone();
        movesInto("pool19.contoso.com", 0.34);
        Schedule budget = poolBudget(new ErrorBudget(10, 20, 0));
        Parallelism sites = new Parallelism(false, true, 0, 0, Parallelism.DEFAULT_SLICE);

        var held = resume(budget, sites);

        assertThat(held.exitCode()).as(held.message()).isEqualTo(5);
        assertThat(held.message()).contains("pool pool13.contoso.com");
        assertThat(cutover.status().budgetHold().scope()).isEqualTo("pool13.contoso.com");
        assertThat(notices())
                .filteredOn(n -> n.kind() == NoticeKind.BUDGET_EXHAUSTED)
                .hasSize(1);
        cutover.labClear();

        var done = resume(budget, sites);

        assertThat(done.exitCode()).as(done.message()).isZero();
        everyItemMovedOnce(REDMOND_WAVE);
        everyItemMovedOnce("Dublin/dub13.contoso.com/wave-01");
    }
}
