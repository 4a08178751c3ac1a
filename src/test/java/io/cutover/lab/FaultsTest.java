package io.cutover.lab;

import static io.cutover.lab.TestScenarios.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeKind;
import io.cutover.deployment.ProbeResult;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.Replica;
import io.cutover.inventory.SipAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FaultsTest {
    private static final FaultProfile FLAKY = new FaultProfile(
            1234,
            List.of(new Fault.FailureRate("move", null, 0.3), new Fault.FailureRate("probe:Registration", null, 0.4)));

    @Test
    void the_same_seed_fails_the_same_calls_in_two_labs_whatever_the_threads_do() throws Exception {
        Map<String, List<String>> first = runFlakyMoves(TestScenarios.small(), 1);
        Map<String, List<String>> second = runFlakyMoves(TestScenarios.small(), 8);

        assertThat(second).isEqualTo(first);
        long failures = first.values().stream()
                .flatMap(List::stream)
                .filter(o -> o.startsWith("failed"))
                .count();
        assertThat(failures).as("a 30% rate fails some of the calls").isBetween(3L, 40L);
    }

    @Test
    void another_seed_fails_other_calls() throws Exception {
        Lab a = TestScenarios.small();
        Lab b = TestScenarios.small();
        a.inject(FLAKY);
        b.inject(new FaultProfile(99, FLAKY.faults()));
        List<Boolean> fromA = new ArrayList<>();
        List<Boolean> fromB = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            fromA.add(a.probe(Probe.registration(user(1 + i % 18))).success());
            fromB.add(b.probe(Probe.registration(user(1 + i % 18))).success());
        }
        assertThat(fromA).isNotEqualTo(fromB).contains(true, false);
    }

    /**
     * Moves users 1-18 back and forth, retrying transient failures, from {@code threads} threads;
     * returns, per user, the outcome of every attempt.
     */
    private static Map<String, List<String>> runFlakyMoves(Lab lab, int threads) throws Exception {
        lab.inject(FLAKY);
        Map<String, List<String>> outcomes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int n = 1; n <= 18; n++) {
            SipAddress sip = user(n);
            done.add(pool.submit(() -> {
                List<String> mine = new ArrayList<>();
                for (String target : List.of("pool19.contoso.com", "pool13.contoso.com", "pool19.contoso.com")) {
                    while (true) {
                        try {
                            lab.move(Subject.user(sip), Fqdn.of(target));
                            mine.add("moved to " + target);
                            break;
                        } catch (DeploymentFailure f) {
                            assertThat(f.isTransient()).isTrue();
                            mine.add("failed " + f.getMessage());
                        }
                    }
                    mine.add(lab.probe(Probe.registration(sip)).success() ? "registered" : "not registered");
                }
                outcomes.put(sip.text(), mine);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(20, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return new TreeMap<>(outcomes);
    }

    @Test
    void a_failure_rate_can_aim_at_one_pool() {
        Lab lab = TestScenarios.small();
        lab.inject(new Fault.FailureRate("move", "pool19dub.contoso.com", 1.0));
        lab.move(Subject.user(user(3)), Fqdn.of("pool19.contoso.com"));
        assertThatThrownBy(() -> lab.move(Subject.user(user(4)), Fqdn.of("pool19dub.contoso.com")))
                .isInstanceOfSatisfying(
                        DeploymentFailure.class,
                        f -> assertThat(f.isTransient()).isTrue())
                .hasMessageContaining("injected fault, attempt 1");
        assertThat(lab.homeOf(Subject.user(user(4)))).contains(Fqdn.of("pool13.contoso.com"));
    }

    @Test
    void drop_policy_on_move_drops_the_per_user_policy_of_users_moved_into_the_pool() {
        Lab lab = TestScenarios.small();
        lab.inject(new Fault.DropPolicyOnMove("pool19.contoso.com", PolicyKind.Conferencing));

        lab.move(Subject.user(user(1)), Fqdn.of("pool19.contoso.com"));
        lab.move(Subject.user(user(3)), Fqdn.of("pool19dub.contoso.com"));

        assertThat(lab.snapshot().findUser(user(1)).orElseThrow().policies())
                .doesNotContainKey(PolicyKind.Conferencing);
        assertThat(lab.snapshot().findUser(user(3)).orElseThrow().policies())
                .containsEntry(PolicyKind.Conferencing, "ConferencingLarge");
    }

    @Test
    void latency_is_reported_by_probes() {
        Lab lab = TestScenarios.small();
        lab.inject(new Fault.Latency("probe", "pool13.contoso.com", 20));
        ProbeResult slow = lab.probe(Probe.registration(user(1)));
        ProbeResult fast = lab.probe(Probe.between(ProbeKind.Im, user(1), "sip:nobody@contoso.com"));
        assertThat(slow.success()).isTrue();
        assertThat(slow.latencyMillis()).isEqualTo(20);
        assertThat(fast.latencyMillis()).isZero();
    }

    @Test
    void probes_of_listed_users_fail() {
        Lab lab = TestScenarios.small();
        lab.inject(new Fault.ProbeFailure(List.of(user(2).text()), ProbeKind.Im));
        assertThat(lab.probe(Probe.between(ProbeKind.Im, user(1), user(2))).success())
                .isFalse();
        assertThat(lab.probe(Probe.between(ProbeKind.Presence, user(1), user(2)))
                        .success())
                .isTrue();
        assertThat(lab.probe(Probe.between(ProbeKind.Im, user(1), user(4))).success())
                .isTrue();
    }

    @Test
    void a_stale_replica_reports_not_up_to_date() {
        Lab lab = TestScenarios.small();
        assertThat(lab.replication()).isNotEmpty().allMatch(Replica::upToDate);
        assertThat(lab.replication()).extracting(r -> r.fqdn().text()).doesNotContain("pool19new-fe1.contoso.com");
        lab.inject(new Fault.ReplicaStale("edge19-edge1.contoso.com"));
        assertThat(lab.replication())
                .filteredOn(r -> !r.upToDate())
                .extracting(r -> r.fqdn().text())
                .containsExactly("edge19-edge1.contoso.com");
    }

    @Test
    void a_probe_failure_naming_a_user_the_lab_lacks_is_refused_as_an_unknown_pool_is() {
        Lab lab = TestScenarios.small();
        assertThatThrownBy(() -> lab.inject(
                        new Fault.ProbeFailure(List.of(user(2).text(), "sip:nobody@contoso.com"), ProbeKind.Im)))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_USER))
                .hasMessageContaining("sip:nobody@contoso.com")
                .hasMessageNotContaining(user(2) + ",");
        assertThat(lab.probe(Probe.between(ProbeKind.Im, user(1), user(2))).success())
                .as("nothing injected")
                .isTrue();
    }

    @Test
    void a_fault_naming_a_pool_the_lab_lacks_is_refused() {
        Lab lab = TestScenarios.small();
        assertThatThrownBy(() -> lab.inject(new Fault.PoolDown("gone.contoso.com")))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_POOL))
                .hasMessageContaining("gone.contoso.com");
        assertThat(lab.faults()).isEmpty();
    }

    @Test
    void a_fault_profile_reads_every_fault_type() {
        FaultProfile p = FaultProfile.parse("""
                seed: 9
                inject:
                  - {type: failureRate, operation: Probe:im, rate: 0.25, pool: p.contoso.com}
                  - {type: poolDown, pool: p.contoso.com}
                  - {type: latency, operation: move, millis: 15}
                  - {type: serviceStopped, pool: p.contoso.com, service: rtcsrv}
                  - {type: replicaStale, replica: p-fe1.contoso.com}
                  - {type: dropPolicyOnMove, pool: p.contoso.com, policy: conferencing}
                  - {type: probeFailure, users: [sip:a@contoso.com], probe: Call}
                """, "all.yaml");
        assertThat(p.seed()).isEqualTo(9);
        assertThat(p.faults())
                .containsExactly(
                        new Fault.FailureRate("probe:Im", "p.contoso.com", 0.25),
                        new Fault.PoolDown("p.contoso.com"),
                        new Fault.Latency("move", null, 15),
                        new Fault.ServiceStopped("p.contoso.com", "RTCSRV", null),
                        new Fault.ReplicaStale("p-fe1.contoso.com"),
                        new Fault.DropPolicyOnMove("p.contoso.com", PolicyKind.Conferencing),
                        new Fault.ProbeFailure(List.of("sip:a@contoso.com"), ProbeKind.Call));
    }

    @Test
    void the_scenario_faults_are_in_force_from_the_start_and_clearing_removes_them() {
        String text = TestScenarios.SMALL
                + "faults:\n  seed: 3\n  inject:\n    - {type: poolDown, pool: pool19.contoso.com}\n";
        Lab lab = Lab.inMemory(Scenario.parse(text, "s.yaml"), TestScenarios.CLOCK);
        assertThat(lab.faultSeed()).isEqualTo(3);
        assertThat(lab.poolState(Fqdn.of("pool19.contoso.com"))).isEqualTo(io.cutover.deployment.PoolState.Down);
        assertThatThrownBy(() -> lab.move(Subject.user(user(3)), Fqdn.of("pool19.contoso.com")))
                .isInstanceOfSatisfying(
                        DeploymentFailure.class,
                        f -> assertThat(f.isTransient()).isTrue());
        lab.clearFaults();
        assertThat(lab.faults()).isEmpty();
        lab.move(Subject.user(user(3)), Fqdn.of("pool19.contoso.com"));
    }
}
