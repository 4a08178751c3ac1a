package io.cutover.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Catalog;
import io.cutover.journal.Action;
import io.cutover.journal.Claimant;
import io.cutover.journal.Claims;
import io.cutover.journal.Entry;
import io.cutover.journal.Journal;
import io.cutover.journal.LeaseTerms;
import io.cutover.journal.Notice;
import io.cutover.journal.NoticeKind;
import io.cutover.journal.Outcome;
import io.cutover.journal.RunRecord;
import io.cutover.lab.Lab;
import io.cutover.lab.Scenario;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Planner;
import io.cutover.plan.Step;
import io.cutover.schedule.ChangeWindows;
import io.cutover.schedule.ErrorBudget;
import io.cutover.schedule.Schedule;
import io.cutover.schedule.SiteWindows;
import io.cutover.schedule.Window;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change windows in the run, on a virtual clock that moves only as moves are made (one minute
 * each) or as the run waits: every instant below is the same on every run.
 */
class ChangeWindowsRunTest {
    /** A Monday, 20:00 UTC: the window below has just opened. */
    private static final Instant MONDAY_EVENING = Instant.parse("2026-11-30T20:00:00Z");

    private static final String SCENARIO = """
            name: Windows
            domain: contoso.com
            epoch: 2026-11-01T09:00:00Z
            policies: {Conferencing: Default, Voice: Default}
            sites:
              - {name: Redmond, siteId: 1, federationRoute: edge13.contoso.com}
            pools:
              - fqdn: pool13.contoso.com
                site: Redmond
                role: FrontEnd
                version: Lync Server 2013
                servers: 2
                users:
                  count: 150
                  name: "user{n:03}"
                  displayName: "User {n}"
                  test: 2
              - {fqdn: edge13.contoso.com, site: Redmond, role: Edge, version: Lync Server 2013, servers: 1,
                 nextHop: pool13.contoso.com}
              - {fqdn: pool19.contoso.com, site: Redmond, role: FrontEnd, version: Skype for Business Server 2019,
                 servers: 2, deployed: false}
              - {fqdn: edge19.contoso.com, site: Redmond, role: Edge, version: Skype for Business Server 2019,
                 servers: 1, nextHop: pool19.contoso.com}
            cms: pool13.contoso.com
            """;

    @TempDir
    Path dir;

    private VirtualTime clock;
    private Lab lab;
    private Journal journal;
    private Plan plan;
    private RunRecord run;

    @BeforeEach
    void start() {
        start(SCENARIO);
    }

    private void start(String scenario) {
        clock = new VirtualTime(MONDAY_EVENING);
        lab = Lab.inMemory(Scenario.parse(scenario, "windows"), clock);
        plan = Planner.plan(
                lab.snapshot(), Catalog.bundled(), PlanOptions.defaults("Skype for Business Server 2019"), "lab");
        journal = Journal.open(dir.resolve("journal-" + Integer.toHexString(scenario.hashCode()) + ".db"));
        run = RunStart.begin(journal, plan, "lab", clock.instant());
    }

    @AfterEach
    void close() {
        journal.close();
        lab.close();
    }

    /** Every evening 20:00 to 21:00 UTC at Redmond. */
    private static Schedule evenings(boolean gatesAnytime) {
        SiteWindows redmond = new SiteWindows(
                ZoneId.of("UTC"),
                List.of(new Window(EnumSet.allOf(DayOfWeek.class), LocalTime.of(20, 0), LocalTime.of(21, 0))),
                Set.of());
        return new Schedule(
                new ChangeWindows(Map.of("Redmond", redmond), null, gatesAnytime), ErrorBudget.NONE, ErrorBudget.NONE);
    }

    private RunOutcome runWith(RunSettings settings) {
        return new Executor(
                        plan,
                        run,
                        journal,
                        new VirtualCosts(lab, clock, Duration.ofMinutes(1), Duration.ofMinutes(1)),
                        clock,
                        settings,
                        t -> {},
                        clock)
                .run();
    }

    private static RunSettings settings(Schedule schedule) {
        return new RunSettings(2, 3, Duration.ZERO, null, "tester").withSchedule(schedule);
    }

    @Test
    void a_window_closing_mid_batch_holds_the_run_with_moves_in_flight_finished_and_the_rest_pending() {
        RunOutcome outcome = runWith(settings(evenings(true)));

        assertThat(outcome).isInstanceOf(RunOutcome.Held.class);
        RunOutcome.Held held = (RunOutcome.Held) outcome;
        assertThat(held.why()).isEqualTo(RunOutcome.Held.Why.WINDOW);
        assertThat(held.until()).isEqualTo(Instant.parse("2026-12-01T20:00:00Z"));
        assertThat(held.reason())
                .isEqualTo("site Redmond's change window closed at Mon 2026-11-30 21:00;"
                        + " the next opens at Tue 2026-12-01 20:00 (UTC)");
        Step.MoveBatch batch = (Step.MoveBatch) plan.findStep(held.atStep()).orElseThrow();
        List<Entry> rows = journal.entries(run.id());
        Map<String, Long> ok = oks(rows, batch.id());
        assertThat(ok).isNotEmpty().hasSizeLessThan(batch.moves().size());
        assertThat(ok.values()).allMatch(n -> n == 1);
        assertEveryBeginEnded(rows);
        assertEveryBeginInsideAWindow(rows);
        assertThat(kinds(journal.outbox().notices())).containsExactly(NoticeKind.WINDOW_CLOSED);
    }

    @Test
    void status_shows_each_site_closed_with_its_next_opening_and_why_it_holds() {
        runWith(settings(evenings(true)));

        StatusReport report = Status.of(plan, run.id(), journal.entries(run.id()), java.util.Optional.empty());
        List<StatusReport.WindowLine> lines =
                WindowLines.of(plan, report, evenings(true).windows(), clock.instant());

        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.site()).isEqualTo("Redmond");
            assertThat(l.open()).isFalse();
            assertThat(l.next()).isEqualTo("Tue 2026-12-01 20:00");
            assertThat(l.nextAt()).isEqualTo("2026-12-01T20:00:00Z");
            assertThat(l.held()).startsWith("site Redmond's change window closed at Mon 2026-11-30 21:00");
        });
        List<StatusReport.WindowLine> inside =
                WindowLines.of(plan, report, evenings(true).windows(), Instant.parse("2026-12-01T20:30:00Z"));
        assertThat(inside).singleElement().satisfies(l -> {
            assertThat(l.open()).isTrue();
            assertThat(l.next()).isEqualTo("Tue 2026-12-01 21:00");
            assertThat(l.held()).isNull();
        });
    }

    @Test
    void following_the_run_goes_on_at_the_next_opening_and_moves_every_item_exactly_once() {
        RunOutcome outcome = runWith(settings(evenings(true)).withFollow(true));

        assertThat(outcome).isInstanceOf(RunOutcome.Finished.class);
        List<Entry> rows = journal.entries(run.id());
        for (Step step : plan.steps()) {
            if (step instanceof Step.MoveBatch b) {
                Map<String, Long> ok = oks(rows, b.id());
                assertThat(ok).hasSize(b.moves().size());
                assertThat(ok.values()).allMatch(n -> n == 1);
            }
        }
        assertEveryBeginInsideAWindow(rows);
        assertThat(clock.instant()).isAfter(Instant.parse("2026-12-01T20:00:00Z"));
        List<NoticeKind> kinds = kinds(journal.outbox().notices());
        assertThat(kinds).contains(NoticeKind.WINDOW_CLOSED, NoticeKind.WINDOW_OPENED, NoticeKind.RUN_FINISHED);
        assertThat(kinds.stream().filter(k -> k == NoticeKind.WINDOW_CLOSED).count())
                .isEqualTo(kinds.stream()
                        .filter(k -> k == NoticeKind.WINDOW_OPENED)
                        .count());
    }

    @Test
    void a_pause_written_while_the_run_waits_for_the_next_window_stops_the_wait() {
        java.util.concurrent.atomic.AtomicBoolean paused = new java.util.concurrent.atomic.AtomicBoolean();
        io.cutover.deployment.Sleeper pausing = d -> {
            clock.sleep(d);
            if (!paused.getAndSet(true)) {
                journal.request(run.id(), io.cutover.journal.Control.Request.PAUSE, "operator", clock.instant());
            }
            // The request reaches the run through the journal, which it polls: give the poll a turn.
            Thread.sleep(50);
        };
        Executor executor = new Executor(
                plan,
                run,
                journal,
                new VirtualCosts(lab, clock, Duration.ofMinutes(1), Duration.ofMinutes(1)),
                clock,
                settings(evenings(true)).withFollow(true),
                t -> {},
                pausing);

        RunOutcome outcome = executor.run();

        assertThat(outcome).isInstanceOf(RunOutcome.Stopped.class);
        assertThat(((RunOutcome.Stopped) outcome).request()).isEqualTo("pause");
        assertThat(clock.instant()).isBefore(Instant.parse("2026-12-01T20:00:00Z"));
        assertThat(kinds(journal.outbox().notices())).doesNotContain(NoticeKind.WINDOW_OPENED);
    }

    @Test
    void a_hold_then_a_resume_in_the_next_window_moves_every_item_exactly_once() {
        assertThat(runWith(settings(evenings(true)))).isInstanceOf(RunOutcome.Held.class);
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-12-01T20:00:00Z")));

        RunOutcome second = runWith(settings(evenings(true)));

        assertThat(second).isInstanceOfAny(RunOutcome.Held.class, RunOutcome.Finished.class);
        List<Entry> rows = journal.entries(run.id());
        assertThat(oks(rows, null).values()).allMatch(n -> n == 1);
        assertEveryBeginInsideAWindow(rows);
    }

    @Test
    void gates_run_outside_windows_only_when_the_windows_say_gates_anytime() {
        assertThat(runWith(settings(Schedule.NONE).withUntil(Phase.Pilot))).isInstanceOf(RunOutcome.ReachedUntil.class);
        Step gate = plan.steps().stream()
                .filter(s -> s instanceof Step.Gate && s.phase() == Phase.PilotValidation)
                .findFirst()
                .orElseThrow();
        clock.advance(Duration.ofHours(3)); // Monday 23:00 and later: closed

        RunOutcome strict = runWith(settings(evenings(false)));
        assertThat(strict).isInstanceOf(RunOutcome.Held.class);
        assertThat(((RunOutcome.Held) strict).atStep()).isEqualTo(gate.id());

        RunOutcome lenient = runWith(settings(evenings(true)));
        assertThat(lenient).isInstanceOf(RunOutcome.Held.class);
        assertThat(((RunOutcome.Held) lenient).atStep()).isNotEqualTo(gate.id());
        assertThat(plan.findStep(((RunOutcome.Held) lenient).atStep()).orElseThrow())
                .isNotInstanceOf(Step.Gate.class);
        assertThat(journal.entries(run.id())).anyMatch(e -> e.stepId().equals(gate.id()) && e.outcome() == Outcome.OK);
    }

    @Test
    void claimed_units_of_a_closed_site_are_not_claimed_and_the_instance_holds_until_the_next_opening() {
        Parallelism slices = new Parallelism(true, false, 0, 0, 10);
        Claims claims = Claims.join(
                journal,
                run.id(),
                Claimant.thisProcess("tester"),
                List.of(),
                clock,
                LeaseTerms.DEFAULT,
                Executor.units(plan, slices)::unitOf);
        Executor executor = new Executor(
                plan,
                run,
                journal,
                new VirtualCosts(lab, clock, Duration.ofMinutes(1), Duration.ofMinutes(1)),
                clock,
                settings(evenings(true)),
                t -> {},
                clock);

        RunOutcome outcome = executor.run(claims, slices);

        assertThat(outcome).isInstanceOf(RunOutcome.Held.class);
        assertThat(((RunOutcome.Held) outcome).until()).isEqualTo(Instant.parse("2026-12-01T20:00:00Z"));
        List<Entry> rows = journal.entries(run.id());
        assertThat(oks(rows, null)).isNotEmpty();
        assertThat(oks(rows, null).values()).allMatch(n -> n == 1);
        assertEveryBeginEnded(rows);
        assertEveryBeginInsideAWindow(rows);
    }

    @Test
    void with_sites_in_parallel_an_open_site_goes_on_while_a_closed_one_waits() {
        close();
        start(SCENARIO.replace("cms: pool13.contoso.com", """
                  - {fqdn: pool13dub.contoso.com, site: Dublin, role: FrontEnd, version: Lync Server 2013, servers: 1,
                     users: {count: 30, name: "dub{n:03}", test: 2}}
                  - {fqdn: pool19dub.contoso.com, site: Dublin, role: FrontEnd,
                     version: Skype for Business Server 2019, servers: 1}
                cms: pool13.contoso.com
                """)
                .replace("sites:\n", "sites:\n  - {name: Dublin, siteId: 2}\n"));
        Schedule schedule = evenings(true);
        SiteWindows never = new SiteWindows(ZoneId.of("Europe/Dublin"), List.of(), Set.of());
        Schedule redmondOnly = new Schedule(
                new ChangeWindows(
                        Map.of("Redmond", schedule.windows().of("Redmond").orElseThrow(), "Dublin", never), null, true),
                ErrorBudget.NONE,
                ErrorBudget.NONE);
        Parallelism sites = new Parallelism(false, true, 0, 0, 10);
        Claims claims = Claims.join(
                journal,
                run.id(),
                Claimant.thisProcess("tester"),
                List.of(),
                clock,
                LeaseTerms.DEFAULT,
                Executor.units(plan, sites)::unitOf);

        RunOutcome outcome = new Executor(
                        plan,
                        run,
                        journal,
                        new VirtualCosts(lab, clock, Duration.ofMinutes(1), Duration.ofMinutes(1)),
                        clock,
                        settings(redmondOnly),
                        t -> {},
                        clock)
                .run(claims, sites);

        assertThat(outcome).isInstanceOf(RunOutcome.Held.class);
        List<Entry> rows = journal.entries(run.id());
        List<Entry> changes = rows.stream()
                .filter(e -> e.outcome() == null && !(plan.findStep(e.stepId()).orElseThrow() instanceof Step.Gate))
                .toList();
        assertThat(changes).isNotEmpty();
        assertThat(changes)
                .allMatch(e -> plan.findStep(e.stepId()).orElseThrow().site().equals("Redmond"));
        assertThat(plan.steps()).anyMatch(st -> st.site().equals("Dublin") && !(st instanceof Step.Gate));
        assertEveryBeginEnded(rows);
    }

    /** OK rows per item of a move step (of every move step when {@code stepId} is null). */
    private static Map<String, Long> oks(List<Entry> rows, String stepId) {
        Map<String, Long> ok = new HashMap<>();
        for (Entry e : rows) {
            if (e.item() != null
                    && e.outcome() == Outcome.OK
                    && e.action() == Action.DO
                    && (stepId == null || e.stepId().equals(stepId))) {
                ok.merge(e.stepId() + " " + e.item(), 1L, Long::sum);
            }
        }
        return ok;
    }

    private static void assertEveryBeginEnded(List<Entry> rows) {
        Map<String, Integer> open = new HashMap<>();
        for (Entry e : rows) {
            String key = e.stepId() + " " + e.item() + " " + e.attempt();
            open.merge(key, e.outcome() == null ? 1 : -1, Integer::sum);
        }
        assertThat(open.values()).allMatch(n -> n == 0);
    }

    /** Every change (not a gate) began between 20:00 and 21:00 UTC. */
    private void assertEveryBeginInsideAWindow(List<Entry> rows) {
        for (Entry e : rows) {
            boolean gate = plan.findStep(e.stepId()).orElseThrow() instanceof Step.Gate;
            if (e.outcome() == null && !gate) {
                int hour = e.at().atZone(ZoneId.of("UTC")).getHour();
                assertThat(hour)
                        .as("%s %s began at %s", e.stepId(), e.item(), e.at())
                        .isEqualTo(20);
            }
        }
    }

    private static List<NoticeKind> kinds(List<Notice> notices) {
        return notices.stream().map(Notice::kind).toList();
    }
}
