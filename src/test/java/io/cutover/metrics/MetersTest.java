package io.cutover.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.check.Check;
import io.cutover.deployment.Deployment;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeKind;
import io.cutover.deployment.ProbeResult;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.SipAddress;
import io.cutover.journal.Action;
import io.cutover.journal.Entry;
import io.cutover.journal.Outcome;
import io.cutover.plan.Move;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Step;
import io.cutover.run.Decide;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The names and labels the meters expose, and what each journal row, probe, move and script adds. */
class MetersTest {
    private static final String LEGACY = "lyncpool01.contoso.com";
    private static final String TARGET = "sfb19pool-red.contoso.com";
    private static final Instant AT = Instant.parse("2024-03-01T09:00:00Z");

    private final Meters meters = new Meters();
    private final Move ann =
            new Move(Subject.user(SipAddress.of("sip:ann@contoso.com")), Fqdn.of(LEGACY), Fqdn.of(TARGET));
    private final Move bob =
            new Move(Subject.user(SipAddress.of("sip:bob@contoso.com")), Fqdn.of(LEGACY), Fqdn.of(TARGET));
    private final Step.Gate gate = new Step.Gate(
            "red/pilot/check",
            "red",
            Fqdn.of(TARGET),
            Phase.PilotValidation,
            "pilot",
            List.of(new Check.ReplicasUpToDate()));
    private final Step.MoveBatch batch =
            new Step.MoveBatch("red/pilot", "red", Fqdn.of(TARGET), Phase.Pilot, "pilot", List.of(ann, bob));
    private final Step.RouteFederation route = new Step.RouteFederation(
            "red/federation",
            "red",
            null,
            Phase.Federation,
            Fqdn.of("edge-old.contoso.com"),
            Fqdn.of("edge-new.contoso.com"));
    private final Plan plan = new Plan(
            Plan.FORMAT,
            "test",
            PlanOptions.defaults("Skype for Business Server 2019"),
            List.of(batch, gate, route),
            List.of(),
            List.of(),
            null);

    @Test
    void every_metric_is_snake_case_under_cutover_and_every_counter_ends_in_total_and_every_timer_in_seconds() {
        meters.journal(plan).committed(List.of(end(begin(ann, Action.DO, 1), Outcome.OK)), Duration.ofMillis(3));
        meters.watch(new FakeDeployment()).probe(Probe.registration(SipAddress.of("sip:ann@contoso.com")));
        meters.shell().roundTrip(2, true, Duration.ofMillis(40));

        Map<String, String> types = new java.util.TreeMap<>();
        Pattern type = Pattern.compile("^# TYPE (\\S+) (\\S+)$");
        meters.scrape()
                .lines()
                .map(type::matcher)
                .filter(java.util.regex.Matcher::matches)
                .forEach(m -> types.put(m.group(1), m.group(2)));

        assertThat(types)
                .containsEntry("cutover_moves_total", "counter")
                .containsEntry("cutover_moves_in_flight", "gauge")
                .containsEntry("cutover_journal_commit_duration_seconds", "histogram")
                .containsEntry("cutover_journal_rows_total", "counter")
                .containsEntry("cutover_probe_duration_seconds", "histogram")
                .containsEntry("cutover_shell_round_trip_duration_seconds", "histogram")
                .containsEntry("cutover_shell_operations_total", "counter");
        types.forEach((name, kind) -> {
            assertThat(name).matches("cutover_[a-z0-9_]+");
            if (kind.equals("counter")) {
                assertThat(name).endsWith("_total");
            }
            if (kind.equals("histogram")) {
                assertThat(name).endsWith("_seconds");
            }
        });
    }

    @Test
    void ended_moves_count_by_the_pool_moved_to_by_action_and_by_outcome_and_begins_count_nothing() {
        Entry first = begin(ann, Action.DO, 1);
        Entry again = begin(ann, Action.DO, 2);
        Entry other = begin(bob, Action.DO, 1);
        Entry undo = Entry.begin(
                "run-1", batch.id(), bob.item(), Action.UNDO, 1, Fqdn.of(TARGET), Fqdn.of(LEGACY), null, AT, "t");

        meters.journal(plan).committed(List.of(first, other, end(first, Outcome.RETRY)), Duration.ofMillis(1));
        meters.journal(plan)
                .committed(
                        List.of(again, end(again, Outcome.OK), end(other, Outcome.OK), undo, end(undo, Outcome.FAILED)),
                        Duration.ofMillis(1));

        String text = meters.scrape();
        assertThat(value(text, "cutover_moves_total", "pool", TARGET, "action", "do", "outcome", "ok"))
                .isEqualTo(2);
        assertThat(value(text, "cutover_moves_total", "pool", TARGET, "action", "do", "outcome", "retry"))
                .isEqualTo(1);
        assertThat(value(text, "cutover_moves_total", "pool", LEGACY, "action", "undo", "outcome", "failed"))
                .isEqualTo(1);
        assertThat(value(text, "cutover_moves_total")).isEqualTo(4);
        assertThat(value(text, "cutover_retries_total", "action", "do")).isEqualTo(1);
        assertThat(value(text, "cutover_journal_rows_total")).isEqualTo(8);
        assertThat(value(text, "cutover_journal_commit_duration_seconds_count")).isEqualTo(2);
    }

    @Test
    void a_gate_counts_as_passed_or_failed_while_its_retries_its_approval_and_other_steps_do_not() {
        Entry evaluated = Entry.begin("run-1", gate.id(), null, Action.DO, 1, null, null, gate.name(), AT, "t");
        Entry again = Entry.begin("run-1", gate.id(), null, Action.DO, 2, null, null, gate.name(), AT, "t");
        Entry third = Entry.begin("run-1", gate.id(), null, Action.DO, 3, null, null, gate.name(), AT, "t");
        Entry approval =
                Entry.begin("run-1", gate.id(), Decide.APPROVAL, Action.DO, 1, null, null, "awaiting", AT, "t");
        Entry routed = Entry.begin("run-1", route.id(), null, Action.DO, 1, route.from(), route.to(), null, AT, "t");

        meters.journal(plan)
                .committed(
                        List.of(
                                end(evaluated, Outcome.FAILED),
                                end(again, Outcome.RETRY),
                                end(third, Outcome.OK),
                                end(approval, Outcome.OK),
                                end(routed, Outcome.OK)),
                        Duration.ofMillis(1));

        String text = meters.scrape();
        assertThat(value(text, "cutover_gates_total", "result", "passed")).isEqualTo(1);
        assertThat(value(text, "cutover_gates_total", "result", "failed")).isEqualTo(1);
        assertThat(value(text, "cutover_gates_total")).isEqualTo(2);
        assertThat(value(text, "cutover_moves_total")).isZero();
        assertThat(value(text, "cutover_retries_total", "action", "do")).isEqualTo(1);
    }

    @Test
    void a_move_is_in_flight_while_the_deployment_carries_it_out_even_when_it_fails() {
        List<Double> seen = new ArrayList<>();
        FakeDeployment fake = new FakeDeployment() {
            @Override
            public void move(Subject subject, Fqdn targetPool) {
                seen.add(value(meters.scrape(), "cutover_moves_in_flight"));
                if (subject.id().startsWith("sip:bob")) {
                    throw DeploymentFailure.retryable("busy");
                }
            }
        };
        Deployment watched = meters.watch(fake);

        watched.move(ann.subject(), Fqdn.of(TARGET));
        assertThatThrownBy(() -> watched.move(bob.subject(), Fqdn.of(TARGET))).isInstanceOf(DeploymentFailure.class);

        assertThat(seen).containsExactly(1.0, 1.0);
        assertThat(value(meters.scrape(), "cutover_moves_in_flight")).isZero();
    }

    @Test
    void probes_are_timed_by_modality_and_result_as_the_deployment_reports_their_latency() {
        Deployment watched = meters.watch(new FakeDeployment());

        watched.probe(Probe.between(ProbeKind.Im, SipAddress.of("sip:ann@contoso.com"), "sip:bob@contoso.com"));
        watched.probe(Probe.between(ProbeKind.Im, SipAddress.of("sip:ann@contoso.com"), "sip:bob@contoso.com"));
        watched.probe(Probe.between(ProbeKind.Call, SipAddress.of("sip:ann@contoso.com"), "sip:fail@contoso.com"));

        String text = meters.scrape();
        assertThat(value(text, "cutover_probe_duration_seconds_count", "modality", "im", "result", "ok"))
                .isEqualTo(2);
        assertThat(value(text, "cutover_probe_duration_seconds_sum", "modality", "im", "result", "ok"))
                .isEqualTo(0.5);
        assertThat(value(text, "cutover_probe_duration_seconds_count", "modality", "call", "result", "failed"))
                .isEqualTo(1);
    }

    @Test
    void shell_round_trips_are_counted_and_timed_by_result_with_the_operations_they_carried() {
        meters.shell().roundTrip(3, true, Duration.ofMillis(500));
        meters.shell().roundTrip(1, false, Duration.ofSeconds(2));

        String text = meters.scrape();
        assertThat(value(text, "cutover_shell_round_trip_duration_seconds_count", "result", "ok"))
                .isEqualTo(1);
        assertThat(value(text, "cutover_shell_round_trip_duration_seconds_sum", "result", "ok"))
                .isEqualTo(0.5);
        assertThat(value(text, "cutover_shell_round_trip_duration_seconds_count", "result", "failed"))
                .isEqualTo(1);
        assertThat(value(text, "cutover_shell_operations_total")).isEqualTo(4);
    }

    @Test
    void meters_for_a_command_nobody_scrapes_watch_nothing_and_scrape_empty() {
        Meters none = Meters.none();
        Deployment fake = new FakeDeployment();

        assertThat(none.watch(fake)).isSameAs(fake);
        none.journal(plan).committed(List.of(end(begin(ann, Action.DO, 1), Outcome.OK)), Duration.ofMillis(1));
        none.shell().roundTrip(1, true, Duration.ofMillis(1));
        assertThat(none.scrape()).isEmpty();
    }

    private Entry begin(Move m, Action action, int attempt) {
        return Entry.begin("run-1", batch.id(), m.item(), action, attempt, m.from(), m.to(), null, AT, "t");
    }

    private static Entry end(Entry begin, Outcome outcome) {
        return begin.end(outcome, null, AT);
    }

    /** The sum of the samples of {@code name} whose labels include the given pairs; 0 when there is none. */
    static double value(String scrape, String name, String... labels) {
        double sum = 0;
        for (String line : scrape.lines().toList()) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** A deployment that answers probes (250 ms, failing for sip:fail) and nothing else. */
    static class FakeDeployment implements Deployment {
        @Override
        public List<io.cutover.deployment.UserState> userStates(List<io.cutover.inventory.SipAddress> users) {
            return List.of();
        }

        @Override
        public void restore(io.cutover.deployment.UserState before) {}

        @Override
        public ProbeResult probe(Probe probe) {
            return "sip:fail@contoso.com".equals(probe.to())
                    ? ProbeResult.failure(probe, TARGET, 1000, "no answer", "408 Request Timeout")
                    : ProbeResult.success(probe, TARGET, 250);
        }

        @Override
        public void move(Subject subject, Fqdn targetPool) {}

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public Inventory snapshot() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Fqdn> homeOf(Subject subject) {
            return Optional.empty();
        }

        @Override
        public void setFederationRoute(String site, Fqdn edgeFqdn) {}

        @Override
        public PoolState poolState(Fqdn fqdn) {
            return PoolState.Up;
        }

        @Override
        public void deploy(Fqdn fqdn) {}

        @Override
        public void decommission(Fqdn fqdn) {}

        @Override
        public List<ServiceState> services(Fqdn pool) {
            return List.of();
        }

        @Override
        public List<Replica> replication() {
            return List.of();
        }

        @Override
        public void close() {}
    }
}
