package io.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.deployment.PoolState;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import io.cutover.journal.Action;
import io.cutover.journal.AuditEntry;
import io.cutover.journal.Control;
import io.cutover.journal.Entry;
import io.cutover.journal.Event;
import io.cutover.journal.Journal;
import io.cutover.journal.Outcome;
import io.cutover.journal.RunRecord;
import io.cutover.lab.Fault;
import io.cutover.lab.Lab;
import io.cutover.plan.Move;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Step;
import io.cutover.run.RunSettings;
import io.cutover.run.RunState;
import io.cutover.run.StatusReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole migrations of the bundled example through the facade, against a lab on disk. */
class MigrationIT {
    private static final String TARGET = "Skype for Business Server Subscription Edition";
    private static final Path PILOT_FAULTS = Path.of("examples/contoso/faults-pilot.yaml");

    @TempDir
    Path dir;

    private Cutover cutover() {
        return new Cutover(new Workspace(dir.resolve("ws")), Clock.systemUTC(), "tester");
    }

    private static RunSettings fast() {
        return new RunSettings(16, 5, Duration.ofMillis(1), null, "tester");
    }

    private Inventory labNow() {
        try (Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            return lab.snapshot();
        }
    }

    private PoolState poolState(String pool) {
        try (Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            return lab.poolState(Fqdn.of(pool));
        }
    }

    @Test
    void rehearsing_the_example_moves_everyone_but_the_retained_users_and_decommissions_every_pool_without_them() {
        Rehearsal r = cutover().rehearse(null, null, PlanOptions.defaults(TARGET), fast(), t -> {});

        assertThat(r.exitCode()).isZero();
        assertThat(r.outcome()).isEqualTo("finished");
        assertThat(r.checksPassed()).isEqualTo(r.checksTotal()).isGreaterThan(20);
        assertThat(r.phases()).allSatisfy(p -> assertThat(p.phases()).allMatch(line -> line.endsWith(": done")));
        assertThat(r.phases()).extracting(Rehearsal.PoolPhases::site).contains("Redmond", "Dublin");
        assertThat(r.usersMoved()).isEqualTo(r.usersPlanned());
        assertThat(r.retained()).isNotEmpty().allSatisfy(u -> {
            assertThat(u.pool()).isEqualTo("lyncpool01.contoso.com");
            assertThat(u.reason()).containsAnyOf("PersistentChat", "Xmpp");
        });
        assertThat(r.decommissioned())
                .containsExactlyInAnyOrder("sfb15pool-dub.contoso.com", "sfb15edge-dub.contoso.com");
        assertThat(r.kept()).extracting(Rehearsal.Kept::pool).contains("lyncpool01.contoso.com");
        assertThat(r.kept())
                .filteredOn(k -> k.pool().equals("lyncpool01.contoso.com"))
                .first()
                .extracting(Rehearsal.Kept::reason)
                .asString()
                .contains("retained");

        Inventory end = labNow();
        Set<String> retained =
                r.retained().stream().map(u -> SipAddress.key(u.sipAddress())).collect(Collectors.toSet());
        for (User u : end.users()) {
            if (retained.contains(SipAddress.key(u.sipAddress().text()))) {
                assertThat(u.pool()).as(u.sipAddress().text()).isEqualTo(Fqdn.of("lyncpool01.contoso.com"));
            } else {
                assertThat(u.pool().text()).as(u.sipAddress().text()).startsWith("sfb19pool-");
            }
        }
        assertThat(end.objects())
                .allSatisfy(o -> assertThat(o.pool().text()).as(o.identity()).startsWith("sfb19pool-"));
        assertThat(end.cmsPool()).isEqualTo(Fqdn.of("sfb19pool-red.contoso.com"));
        assertThat(end.sites())
                .allSatisfy(s -> assertThat(s.federationRoute().text()).startsWith("sfb19edge-"));
        assertThat(poolState("sfb15pool-dub.contoso.com")).isEqualTo(PoolState.Decommissioned);
        assertThat(poolState("lyncpool01.contoso.com")).isEqualTo(PoolState.Up);
    }

    @Test
    void a_pilot_that_loses_policies_stops_at_its_gate_and_rollback_puts_the_pilot_back_on_the_legacy_pool() {
        Cutover cutover = cutover();
        Rehearsal r = cutover.rehearse(null, PILOT_FAULTS, PlanOptions.defaults(TARGET), fast(), t -> {});

        assertThat(r.exitCode()).isEqualTo(3);
        String gate = "Redmond/lyncpool01.contoso.com/pilot-validation";
        StatusReport status = cutover.status();
        assertThat(status.state()).isEqualTo(RunState.STOPPED_AT_A_GATE);
        assertThat(status.blocker().stepId()).isEqualTo(gate);
        // The policy parity of the plan's sample and the verification of every moved user both see the loss.
        assertThat(status.blocker().checks())
                .hasSize(2)
                .anySatisfy(c -> assertThat(c).contains("policy parity"))
                .anySatisfy(c -> assertThat(c).contains("users verified before and after"));
        assertThat(status.blocker().details()).anySatisfy(d -> assertThat(d).contains("ConferencingPolicy"));
        Plan plan = cutover.readPlan(dir.resolve("ws").resolve("plan.json"));
        Step.MoveBatch pilot = (Step.MoveBatch)
                plan.findStep("Redmond/lyncpool01.contoso.com/pilot").orElseThrow();
        Set<String> pilotUsers =
                pilot.moves().stream().map(m -> m.subject().id()).collect(Collectors.toSet());
        assertThat(status.blocker().subjects()).isNotEmpty().allMatch(pilotUsers::contains);
        assertThat(labNow().usersOn(Fqdn.of("sfb19pool-red.contoso.com"))).hasSize(pilotUsers.size());

        var result = cutover.rollback(pilot.id(), fast(), impact -> {
            assertThat(impact.users()).isEqualTo(pilotUsers.size());
            return true;
        });

        assertThat(result.executed()).isTrue();
        assertThat(result.failures()).isEmpty();
        Map<String, String> homes = labNow().users().stream()
                .collect(Collectors.toMap(
                        u -> u.sipAddress().text(), u -> u.pool().text()));
        assertThat(pilotUsers).allSatisfy(u -> assertThat(homes.get(u)).isEqualTo("lyncpool01.contoso.com"));
        StatusReport after = cutover.status(true);
        assertThat(after.usersRolledBack()).isEqualTo(pilotUsers.size());
        assertThat(after.pools())
                .filteredOn(p -> p.fqdn().equals(Fqdn.of("sfb19pool-red.contoso.com")))
                .singleElement()
                .extracting(StatusReport.PoolLine::users)
                .isEqualTo(0);
        assertThat(after.nextStep()).isEqualTo(pilot.id());
    }

    @Test
    void the_rollback_preview_names_meetings_scheduled_on_the_new_pool_and_upgraded_clients_of_moved_users_only() {
        Cutover cutover = cutover();
        cutover.labCreate(null);
        cutover.plan(PlanOptions.defaults(TARGET), null);
        assertThat(cutover.run(null, fast().withUntil(io.cutover.plan.Phase.Production), false, t -> {})
                        .exitCode())
                .isZero();
        Inventory now = labNow();
        Set<String> movedToRedmond19 = now.usersOn(Fqdn.of("sfb19pool-red.contoso.com")).stream()
                .map(u -> u.sipAddress().text())
                .collect(Collectors.toSet());

        // Redmond's steps are the last of the plan (sites run in name order): undoing from its pilot on touches only
        // Redmond.
        var impact = cutover.rollbackPreview("Redmond/lyncpool01.contoso.com/pilot");

        assertThat(impact.users()).isEqualTo(movedToRedmond19.size()).isEqualTo(1200 - 17);
        assertThat(impact.moves()).containsExactly("1183 x User sfb19pool-red.contoso.com -> lyncpool01.contoso.com");
        assertThat(impact.routes())
                .containsExactly("site Redmond federation route sfb19edge-red.contoso.com -> lyncedge01.contoso.com");
        // The example's activity: about 15% of moved users schedule a meeting on the new pool, 10% upgrade their
        // client.
        assertThat(impact.meetingsAtRisk()).hasSizeBetween(50, 300).allSatisfy(m -> {
            assertThat(m).contains(" on sfb19pool-red.contoso.com ");
            assertThat(movedToRedmond19).anyMatch(u -> m.contains(" organized by " + u + " "));
        });
        assertThat(impact.upgradedClients()).hasSizeBetween(30, 200).allSatisfy(c -> {
            assertThat(movedToRedmond19).anyMatch(u -> c.startsWith(u + ": "));
            assertThat(c).endsWith("-> Skype for Business 2019 (16.0.10827.20150)");
        });
        assertThat(labNow().users()).as("a preview changes nothing").isEqualTo(now.users());
    }

    @Test
    void
            a_rollback_interrupted_between_an_undo_begin_and_its_end_is_settled_from_the_deployment_when_rolled_back_again() {
        Cutover cutover = cutover();
        cutover.rehearse(null, PILOT_FAULTS, PlanOptions.defaults(TARGET), fast(), t -> {});
        Plan plan = cutover.readPlan(dir.resolve("ws").resolve("plan.json"));
        Step.MoveBatch pilot = (Step.MoveBatch)
                plan.findStep("Redmond/lyncpool01.contoso.com/pilot").orElseThrow();
        Move back = pilot.moves().get(0);
        Move notYet = pilot.moves().get(1);
        // Reproduce a rollback killed mid-way: both undos journaled as begun, only the first reached the deployment.
        try (Journal journal = Journal.open(dir.resolve("ws").resolve("journal.db"));
                Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            RunRecord run = journal.currentRun().orElseThrow();
            for (Move m : List.of(back, notYet)) {
                journal.append(Entry.begin(
                        run.id(),
                        pilot.id(),
                        m.item(),
                        Action.UNDO,
                        1,
                        m.to(),
                        m.from(),
                        "back to " + m.from(),
                        Clock.systemUTC().instant(),
                        "tester"));
            }
            lab.move(back.subject(), back.from());
        }

        var result = cutover.rollback(pilot.id(), fast(), impact -> true);

        assertThat(result.failures()).isEmpty();
        List<Entry> rows = journalRows().stream()
                .filter(e -> pilot.id().equals(e.stepId()) && e.action() == Action.UNDO)
                .toList();
        List<Entry> backRows =
                rows.stream().filter(e -> back.item().equals(e.item())).toList();
        assertThat(backRows).extracting(Entry::outcome).containsExactly(null, Outcome.OK);
        assertThat(backRows.get(1).detail()).contains("after an interruption");
        assertThat(rows.stream().filter(e -> notYet.item().equals(e.item())))
                .extracting(Entry::outcome)
                .containsExactly(null, Outcome.RETRY, null, Outcome.OK);
        assertThat(rows)
                .filteredOn(e -> e.event() == Event.BEGIN)
                .hasSize(pilot.moves().size() + 1);
        assertThat(labNow().usersOn(Fqdn.of("lyncpool01.contoso.com"))).hasSize(1200);
        assertThat(cutover.status().usersRolledBack()).isEqualTo(pilot.moves().size());
    }

    @Test
    void a_refused_rollback_changes_nothing() {
        Cutover cutover = cutover();
        cutover.rehearse(null, PILOT_FAULTS, PlanOptions.defaults(TARGET), fast(), t -> {});
        Inventory before = labNow();

        assertThatThrownBy(() -> cutover.rollback("Redmond/lyncpool01.contoso.com/pilot", fast(), impact -> false))
                .isInstanceOf(CutoverException.class)
                .extracting(e -> ((CutoverException) e).code())
                .isEqualTo(ErrorCode.NOT_CONFIRMED);
        assertThatThrownBy(() -> cutover.rollback(null, fast(), impact -> true))
                .as("the Dublin pools are decommissioned: there is no way back past that")
                .isInstanceOf(CutoverException.class)
                .extracting(e -> ((CutoverException) e).code())
                .isEqualTo(ErrorCode.POINT_OF_NO_RETURN);
        assertThat(labNow().users()).isEqualTo(before.users());
    }

    @Test
    void transient_failures_are_retried_until_every_move_lands_once() {
        Cutover cutover = cutover();
        cutover.labCreate(null);
        try (Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            lab.inject(new Fault.FailureRate("move", null, 0.2));
        }
        cutover.plan(PlanOptions.defaults(TARGET), null);

        // One in five calls fails; ten attempts make exhausting them all (1e-7 per move) practically impossible.
        var result = cutover.run(null, new RunSettings(16, 10, Duration.ofMillis(1), null, "tester"), false, t -> {});

        assertThat(result.exitCode())
                .as(result.message() + " " + result.failures())
                .isZero();
        List<Entry> rows = journalRows();
        assertThat(rows).anyMatch(e -> e.outcome() == Outcome.RETRY);
        Map<String, Long> oks = rows.stream()
                .filter(e -> e.item() != null && e.action() == Action.DO && e.outcome() == Outcome.OK)
                .collect(Collectors.groupingBy(e -> e.stepId() + "|" + e.item(), Collectors.counting()));
        Plan plan = cutover.readPlan(dir.resolve("ws").resolve("plan.json"));
        long planned = plan.steps().stream()
                .filter(s -> s instanceof Step.MoveBatch)
                .mapToLong(s -> ((Step.MoveBatch) s).moves().size())
                .sum();
        assertThat(oks)
                .hasSize((int) planned)
                .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
    }

    @Test
    void moves_that_exhaust_their_retries_stop_the_step_are_named_and_complete_on_resume_once_the_fault_clears() {
        Cutover cutover = cutover();
        cutover.labCreate(null);
        try (Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            lab.inject(new Fault.FailureRate("move", "sfb19pool-dub.contoso.com", 1.0));
        }
        cutover.plan(PlanOptions.defaults(TARGET), null);

        var failed = cutover.run(null, fast(), false, t -> {});

        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.stoppedAt()).isEqualTo("Dublin/sfb15pool-dub.contoso.com/pilot");
        assertThat(failed.failures()).hasSize(20).allSatisfy(f -> assertThat(f).startsWith("sip:dublin"));
        StatusReport status = cutover.status();
        assertThat(status.state()).isEqualTo(RunState.FAILED);
        assertThat(status.blocker().subjects()).hasSize(20);
        assertThat(journalRows()).filteredOn(e -> e.outcome() == Outcome.RETRY).hasSize(20 * 4);

        try (Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            lab.clearFaults();
        }
        var resumed = cutover.run(null, fast(), true, t -> {});
        assertThat(resumed.outcome()).isEqualTo("finished");
    }

    @Test
    void decommission_deactivates_a_drained_pool_refuses_one_that_still_homes_users_naming_them_and_audits_each() {
        Cutover cutover = cutover();
        cutover.labCreate(null);
        cutover.plan(PlanOptions.defaults(TARGET), null);
        assertThat(cutover.run(null, fast().withUntil(io.cutover.plan.Phase.Cms), false, t -> {})
                        .exitCode())
                .isZero();
        assertThat(poolState("sfb15pool-dub.contoso.com")).isEqualTo(PoolState.Up);

        assertThat(cutover.decommission("sfb15edge-dub.contoso.com").alreadyDecommissioned())
                .isFalse();
        assertThat(cutover.decommission("sfb15pool-dub.contoso.com").alreadyDecommissioned())
                .isFalse();
        assertThat(cutover.decommission("SFB15POOL-DUB.contoso.com").alreadyDecommissioned())
                .as("a second time, by any spelling")
                .isTrue();
        assertThatThrownBy(() -> cutover.decommission("lyncpool01.contoso.com"))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("lyncpool01.contoso.com still homes 17 users")
                .extracting(e -> ((CutoverException) e).code())
                .isEqualTo(ErrorCode.POOL_NOT_EMPTY);

        assertThat(poolState("sfb15pool-dub.contoso.com")).isEqualTo(PoolState.Decommissioned);
        assertThat(poolState("lyncpool01.contoso.com")).isEqualTo(PoolState.Up);
        StatusReport status = cutover.status();
        assertThat(status.phases())
                .filteredOn(p -> "sfb15pool-dub.contoso.com".equals(p.pool())
                        && p.phase().equals("Decommission"))
                .singleElement()
                .extracting(StatusReport.PhaseLine::state)
                .isEqualTo("done");
        assertThat(cutover.audit(10))
                .extracting(AuditEntry::action, AuditEntry::target, AuditEntry::result)
                .as("every decommission reaches the audit log, the refused one as failed")
                .containsExactly(
                        tuple("decommission", "lyncpool01.contoso.com", "failed"),
                        tuple("decommission", "SFB15POOL-DUB.contoso.com", "ok"),
                        tuple("decommission", "sfb15pool-dub.contoso.com", "ok"),
                        tuple("decommission", "sfb15edge-dub.contoso.com", "ok"));
    }

    @Test
    void a_user_moved_outside_the_plan_is_refused_by_name_and_not_moved_so_rollback_cannot_send_it_to_the_wrong_pool() {
        Cutover cutover = cutover();
        cutover.labCreate(null);
        cutover.plan(PlanOptions.defaults(TARGET), null);
        Plan plan = cutover.readPlan(dir.resolve("ws").resolve("plan.json"));
        Move strayed = ((Step.MoveBatch)
                        plan.findStep("Redmond/lyncpool01.contoso.com/pilot").orElseThrow())
                .moves()
                .get(3);
        try (Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            lab.deploy(Fqdn.of("sfb19pool-dub.contoso.com"));
            lab.move(strayed.subject(), Fqdn.of("sfb19pool-dub.contoso.com"));
        }

        var result = cutover.run(null, fast(), false, t -> {});

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stoppedAt()).isEqualTo("Redmond/lyncpool01.contoso.com/pilot");
        assertThat(result.failures())
                .containsExactly(
                        strayed.subject().id() + ": found on sfb19pool-dub.contoso.com, not on lyncpool01.contoso.com"
                                + " where the plan expects it; it was moved outside this plan: move it back or plan again");
        assertThat(labNow().findUser(strayed.subject().id()).orElseThrow().pool())
                .isEqualTo(Fqdn.of("sfb19pool-dub.contoso.com"));
        assertThat(labNow().usersOn(Fqdn.of("sfb19pool-red.contoso.com"))).hasSize(19);
    }

    @Test
    void
            a_run_limited_to_one_site_migrates_that_site_alone_and_an_unknown_site_is_refused_before_anything_is_written() {
        Cutover cutover = cutover();
        cutover.labCreate(null);
        cutover.plan(PlanOptions.defaults(TARGET), null);

        assertThatThrownBy(() -> cutover.run(null, fast().withSites(List.of("Atlantis")), false, t -> {}))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("--site Atlantis")
                .extracting(e -> ((CutoverException) e).code())
                .isEqualTo(ErrorCode.UNKNOWN_SITE);
        assertThat(dir.resolve("ws").resolve("journal.db")).doesNotExist();

        var dublin = cutover.run(null, fast().withSites(List.of("dublin")), false, t -> {});

        assertThat(dublin.outcome()).isEqualTo("reached");
        assertThat(poolState("sfb15pool-dub.contoso.com")).isEqualTo(PoolState.Decommissioned);
        assertThat(labNow().usersOn(Fqdn.of("lyncpool01.contoso.com"))).hasSize(1200);
        assertThat(labNow().usersOn(Fqdn.of("sfb19pool-red.contoso.com"))).isEmpty();
        assertThat(cutover.status().nextStep()).startsWith("Redmond/");

        var redmond = cutover.run(null, fast().withSites(List.of("Redmond")), true, t -> {});
        assertThat(redmond.exitCode()).isZero();
        assertThat(cutover.status().state()).isEqualTo(RunState.FINISHED);
    }

    @Test
    void a_move_interrupted_between_its_begin_and_end_is_settled_from_the_deployment_without_moving_it_again() {
        Cutover cutover = cutover();
        cutover.labCreate(null);
        cutover.plan(PlanOptions.defaults(TARGET), null);
        Plan plan = cutover.readPlan(dir.resolve("ws").resolve("plan.json"));
        Step.MoveBatch pilot = (Step.MoveBatch) plan.steps().stream()
                .filter(s -> s instanceof Step.MoveBatch)
                .findFirst()
                .orElseThrow();
        Move first = pilot.moves().get(0);
        Move second = pilot.moves().get(1);
        // Reproduce a process killed mid-move: the first move reached the deployment, the second did not.
        assertThat(cutover.run(null, fast().withUntil(io.cutover.plan.Phase.Coexistence), false, t -> {})
                        .exitCode())
                .isZero();
        try (Journal journal = Journal.open(dir.resolve("ws").resolve("journal.db"));
                Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            RunRecord run = journal.currentRun().orElseThrow();
            for (Move m : List.of(first, second)) {
                journal.append(Entry.begin(
                        run.id(),
                        pilot.id(),
                        m.item(),
                        Action.DO,
                        1,
                        m.from(),
                        m.to(),
                        null,
                        Clock.systemUTC().instant(),
                        "tester"));
            }
            lab.move(first.subject(), first.to());
        }

        assertThat(cutover.run(null, fast(), true, t -> {}).exitCode()).isZero();

        List<Entry> rows = journalRows().stream()
                .filter(e -> pilot.id().equals(e.stepId()))
                .toList();
        List<Entry> firstRows =
                rows.stream().filter(e -> first.item().equals(e.item())).toList();
        assertThat(firstRows).extracting(Entry::event).containsExactly(Event.BEGIN, Event.END);
        assertThat(firstRows.get(1).outcome()).isEqualTo(Outcome.OK);
        assertThat(firstRows.get(1).detail()).contains("after an interruption");
        List<Entry> secondRows =
                rows.stream().filter(e -> second.item().equals(e.item())).toList();
        assertThat(secondRows).extracting(Entry::outcome).containsExactly(null, Outcome.RETRY, null, Outcome.OK);
        assertThat(labNow().findUser(second.subject().id()).orElseThrow().pool())
                .isEqualTo(second.to());
    }

    @Test
    void a_rollback_after_a_crash_settles_moves_in_doubt_from_the_deployment_and_undoes_only_those_that_moved() {
        Cutover cutover = cutover();
        cutover.rehearse(null, PILOT_FAULTS, PlanOptions.defaults(TARGET), fast(), t -> {});
        Plan plan = cutover.readPlan(dir.resolve("ws").resolve("plan.json"));
        Step.MoveBatch pilot = (Step.MoveBatch)
                plan.findStep("Redmond/lyncpool01.contoso.com/pilot").orElseThrow();
        Step.MoveBatch wave = (Step.MoveBatch) plan.steps().stream()
                .skip(plan.indexOf(pilot.id()) + 1)
                .filter(s -> s instanceof Step.MoveBatch b
                        && b.moves().get(0).from().equals(pilot.moves().get(0).from()))
                .findFirst()
                .orElseThrow();
        Move moved = wave.moves().get(0);
        Move notMoved = wave.moves().get(1);
        // Reproduce a run killed mid-wave: both moves journaled as begun, only the first reached the deployment.
        try (Journal journal = Journal.open(dir.resolve("ws").resolve("journal.db"));
                Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            RunRecord run = journal.currentRun().orElseThrow();
            for (Move m : List.of(moved, notMoved)) {
                journal.append(Entry.begin(
                        run.id(),
                        wave.id(),
                        m.item(),
                        Action.DO,
                        1,
                        m.from(),
                        m.to(),
                        null,
                        Clock.systemUTC().instant(),
                        "tester"));
            }
            lab.move(moved.subject(), moved.to());
        }

        var result = cutover.rollback(pilot.id(), fast(), impact -> {
            assertThat(impact.users())
                    .as("the preview counts what really moved")
                    .isEqualTo(pilot.moves().size() + 1);
            return true;
        });

        assertThat(result.failures()).isEmpty();
        List<Entry> rows =
                journalRows().stream().filter(e -> wave.id().equals(e.stepId())).toList();
        assertThat(rows.stream().filter(e -> moved.item().equals(e.item())))
                .extracting(Entry::action, Entry::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Action.DO, null),
                        org.assertj.core.groups.Tuple.tuple(Action.DO, Outcome.OK),
                        org.assertj.core.groups.Tuple.tuple(Action.UNDO, null),
                        org.assertj.core.groups.Tuple.tuple(Action.UNDO, Outcome.OK));
        assertThat(rows.stream().filter(e -> notMoved.item().equals(e.item())))
                .as("a move that never happened is closed, not rolled back")
                .extracting(Entry::action, Entry::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Action.DO, null),
                        org.assertj.core.groups.Tuple.tuple(Action.DO, Outcome.RETRY));
        assertThat(labNow().usersOn(Fqdn.of("lyncpool01.contoso.com"))).hasSize(1200);
        assertThat(cutover.status().usersRolledBack()).isEqualTo(pilot.moves().size() + 1);
    }

    @Test
    void undo_attempts_after_transient_failures_are_numbered_one_after_another() {
        Cutover cutover = cutover();
        cutover.rehearse(null, PILOT_FAULTS, PlanOptions.defaults(TARGET), fast(), t -> {});
        Plan plan = cutover.readPlan(dir.resolve("ws").resolve("plan.json"));
        Step.MoveBatch pilot = (Step.MoveBatch)
                plan.findStep("Redmond/lyncpool01.contoso.com/pilot").orElseThrow();
        try (Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            lab.inject(new Fault.FailureRate("move", null, 0.5));
        }

        var result =
                cutover.rollback(pilot.id(), new RunSettings(4, 20, Duration.ofMillis(1), null, "tester"), i -> true);

        assertThat(result.failures()).isEmpty();
        Map<String, List<Integer>> undoAttempts = journalRows().stream()
                .filter(e -> pilot.id().equals(e.stepId()) && e.action() == Action.UNDO && e.event() == Event.BEGIN)
                .collect(Collectors.groupingBy(Entry::item, Collectors.mapping(Entry::attempt, Collectors.toList())));
        assertThat(undoAttempts.values()).as("some undo was retried").anyMatch(a -> a.size() > 1);
        assertThat(undoAttempts.values())
                .allSatisfy(a -> assertThat(a)
                        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, a.size())
                                .boxed()
                                .toList()));
    }

    @Test
    void a_paused_run_stops_between_moves_and_resumes_to_the_end() throws Exception {
        Cutover cutover = cutover();
        cutover.labCreate(null);
        try (Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            lab.inject(new Fault.Latency("move", null, 5));
        }
        cutover.plan(PlanOptions.defaults(TARGET), null);
        RunSettings slow = new RunSettings(2, 5, Duration.ofMillis(1), null, "tester");
        CompletableFuture<io.cutover.app.Results.RunResult> running =
                CompletableFuture.supplyAsync(() -> cutover.run(null, slow, false, t -> {}));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> journalRowsIfAny().size() > 100);

        cutover.request(Control.Request.PAUSE);
        var paused = running.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(paused.outcome()).isEqualTo("paused");
        assertThat(cutover.status().state()).isEqualTo(RunState.PAUSED);
        assertThat(paused.status().usersMoved()).isLessThan(paused.status().usersPlanned());
        try (Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            lab.clearFaults();
        }
        var resumed = cutover.run(null, fast(), true, t -> {});
        assertThat(resumed.outcome()).isEqualTo("finished");
        assertThat(resumed.status().usersMoved()).isEqualTo(resumed.status().usersPlanned());
        assertThat(cutover.status().state()).isEqualTo(RunState.FINISHED);
    }

    @Test
    void a_pause_ends_a_retry_wait_at_once_instead_of_sleeping_it_out() throws Exception {
        Cutover cutover = cutover();
        cutover.labCreate(null);
        try (Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            lab.inject(new Fault.FailureRate("move", null, 1.0));
        }
        cutover.plan(PlanOptions.defaults(TARGET), null);
        // A minute before the first retry, doubling: without the pause the run would wait for hours.
        RunSettings patient = new RunSettings(2, 100, Duration.ofMillis(60_000), null, "tester");
        CompletableFuture<io.cutover.app.Results.RunResult> running =
                CompletableFuture.supplyAsync(() -> cutover.run(null, patient, false, t -> {}));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> journalRowsIfAny().stream().anyMatch(e -> e.outcome() == Outcome.RETRY));

        cutover.request(Control.Request.PAUSE);
        var paused = running.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(paused.outcome()).isEqualTo("paused");
        assertThat(journalRows())
                .as("a transient failure cut short by a pause is left to retry, not failed")
                .noneMatch(e -> e.outcome() == Outcome.FAILED);
    }

    @Test
    void a_pause_stops_a_rollback_between_undos_and_a_second_rollback_finishes_it() throws Exception {
        Cutover cutover = cutover();
        cutover.rehearse(null, PILOT_FAULTS, PlanOptions.defaults(TARGET), fast(), t -> {});
        try (Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            lab.inject(new Fault.FailureRate("move", null, 1.0));
        }
        String pilot = "Redmond/lyncpool01.contoso.com/pilot";
        RunSettings patient = new RunSettings(2, 100, Duration.ofMillis(60_000), null, "tester");
        CompletableFuture<io.cutover.app.Results.RollbackResult> rolling =
                CompletableFuture.supplyAsync(() -> cutover.rollback(pilot, patient, impact -> true));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> journalRows().stream()
                        .anyMatch(e -> e.action() == Action.UNDO && e.outcome() == Outcome.RETRY));

        cutover.request(Control.Request.PAUSE);
        var stopped = rolling.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(stopped.failures())
                .anySatisfy(f -> assertThat(f).contains("rollback stopped by a request to pause"));
        try (Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            lab.clearFaults();
        }
        var finished = cutover.rollback(pilot, fast(), impact -> true);
        assertThat(finished.failures()).isEmpty();
        assertThat(labNow().usersOn(Fqdn.of("lyncpool01.contoso.com"))).hasSize(1200);
    }

    private List<Entry> journalRows() {
        try (Journal journal = Journal.open(dir.resolve("ws").resolve("journal.db"))) {
            return journal.entries(journal.currentRun().orElseThrow().id());
        }
    }

    private List<Entry> journalRowsIfAny() {
        if (!java.nio.file.Files.exists(dir.resolve("ws").resolve("journal.db"))) {
            return List.of();
        }
        try (Journal journal = Journal.open(dir.resolve("ws").resolve("journal.db"))) {
            return journal.currentRun().map(r -> journal.entries(r.id())).orElse(List.of());
        }
    }
}
