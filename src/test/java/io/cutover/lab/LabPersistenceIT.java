package io.cutover.lab;

import static io.cutover.lab.TestScenarios.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.SipAddress;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabPersistenceIT {
    @TempDir
    Path dir;

    @Test
    void a_reopened_lab_has_the_homes_routes_states_and_faults_it_was_left_with() {
        Inventory before;
        try (Lab lab = Lab.create(dir, TestScenarios.SMALL, "small.yaml", TestScenarios.CLOCK)) {
            lab.inject(new Fault.DropPolicyOnMove("pool19.contoso.com", PolicyKind.Conferencing));
            for (int n = 1; n <= 10; n++) {
                lab.move(Subject.user(user(n)), Fqdn.of("pool19.contoso.com"));
            }
            lab.move(Subject.cms(), Fqdn.of("pool19.contoso.com"));
            lab.setFederationRoute("Redmond", Fqdn.of("edge19.contoso.com"));
            lab.deploy(Fqdn.of("pool19new.contoso.com"));
            lab.decommission(Fqdn.of("pool19dub.contoso.com"));
            lab.inject(new FaultProfile(77, List.of(new Fault.PoolDown("edge13.contoso.com"))));
            before = lab.snapshot();
        }

        assertThat(Lab.exists(dir)).isTrue();
        try (Lab lab = Lab.open(dir, TestScenarios.CLOCK)) {
            assertThat(lab.snapshot()).isEqualTo(before);
            assertThat(lab.homeOf(Subject.user(user(10)))).contains(Fqdn.of("pool19.contoso.com"));
            assertThat(lab.homeOf(Subject.user(user(11)))).contains(Fqdn.of("pool13.contoso.com"));
            assertThat(lab.snapshot().findUser(user(1)).orElseThrow().policies())
                    .doesNotContainKey(PolicyKind.Conferencing);
            assertThat(lab.poolState(Fqdn.of("pool19new.contoso.com"))).isEqualTo(PoolState.Up);
            assertThat(lab.poolState(Fqdn.of("pool19dub.contoso.com"))).isEqualTo(PoolState.Decommissioned);
            assertThat(lab.poolState(Fqdn.of("edge13.contoso.com"))).isEqualTo(PoolState.Down);
            assertThat(lab.faults()).hasSize(2);
            assertThat(lab.faultSeed()).isEqualTo(77);
            assertThat(lab.summary().location()).isEqualTo(dir.toString());

            lab.clearFaults();
        }
        try (Lab lab = Lab.open(dir, TestScenarios.CLOCK)) {
            assertThat(lab.faults()).isEmpty();
            assertThat(lab.poolState(Fqdn.of("edge13.contoso.com"))).isEqualTo(PoolState.Up);
        }
    }

    @Test
    void every_kind_of_fault_survives_reopening() {
        FaultProfile all = new FaultProfile(
                5,
                List.of(
                        new Fault.FailureRate("probe:Im", "pool13.contoso.com", 0.25),
                        new Fault.PoolDown("pool19dub.contoso.com"),
                        new Fault.Latency("move", null, 0),
                        new Fault.ServiceStopped("pool19.contoso.com", "RTCSRV", "pool19-fe1.contoso.com"),
                        new Fault.ReplicaStale("pool13-fe2.contoso.com"),
                        new Fault.DropPolicyOnMove("pool19.contoso.com", PolicyKind.Voice),
                        new Fault.ProbeFailure(List.of(user(7).text()), null)));
        try (Lab lab = Lab.create(dir, TestScenarios.SMALL, "small.yaml", TestScenarios.CLOCK)) {
            lab.inject(all);
        }
        try (Lab lab = Lab.open(dir, TestScenarios.CLOCK)) {
            assertThat(lab.faults()).isEqualTo(all.faults());
            assertThat(lab.faultSeed()).isEqualTo(5);
        }
    }

    @Test
    void moves_from_many_threads_are_all_in_the_log() throws Exception {
        String text = Scenarios.syntheticYaml(2, 2_000);
        Inventory before;
        try (Lab lab = Lab.create(dir, text, "synthetic.yaml", TestScenarios.CLOCK)) {
            List<SipAddress> users = lab.snapshot().usersOn(Fqdn.of("legacy01.contoso.com")).stream()
                    .filter(u -> u.features().isEmpty())
                    .map(u -> u.sipAddress())
                    .toList();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> done = new ArrayList<>();
            for (SipAddress sip : users) {
                done.add(pool.submit(() -> lab.move(Subject.user(sip), Fqdn.of("sfb19pool01.contoso.com"))));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            before = lab.snapshot();
            assertThat(before.usersOn(Fqdn.of("sfb19pool01.contoso.com"))).hasSize(users.size());
        }
        try (Lab lab = Lab.open(dir, TestScenarios.CLOCK)) {
            assertThat(lab.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void a_lab_is_not_created_over_an_existing_one() {
        Lab.create(dir, TestScenarios.SMALL, "small.yaml", TestScenarios.CLOCK).close();
        assertThatThrownBy(() -> Lab.create(dir, TestScenarios.SMALL, "small.yaml", TestScenarios.CLOCK))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageContaining("a lab already exists in " + dir)
                .hasMessageContaining("use the existing one, or give another directory");
    }

    @Test
    void opening_a_directory_without_a_lab_says_how_to_make_one() {
        assertThatThrownBy(() -> Lab.open(dir.resolve("nothing"), TestScenarios.CLOCK))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_LAB))
                .hasMessage("no lab in " + dir.resolve("nothing") + "; run `cutover lab create`");
        assertThat(Lab.exists(dir)).isFalse();
    }

    @Test
    void a_malformed_scenario_leaves_no_lab_behind() {
        assertThatThrownBy(() -> Lab.create(dir, "name: [", "broken.yaml", TestScenarios.CLOCK))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_SCENARIO));
        assertThat(Lab.exists(dir)).isFalse();
    }

    @Test
    void every_move_reported_before_the_process_is_killed_survives_it() throws Exception {
        Path labDir = dir.resolve("lab");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LabCrashChild.class.getName(),
                        labDir.toString())
                .redirectErrorStream(true)
                .start();
        List<String> reported = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && reported.size() < 300) {
                if (line.startsWith("moved ")) {
                    reported.add(line.substring("moved ".length()));
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(reported)
                .as("the child process reported moves before it was killed")
                .hasSize(300);
        assertThat(Files.exists(labDir.resolve("lab.db"))).isTrue();

        try (Lab lab = Lab.open(labDir, TestScenarios.CLOCK)) {
            for (String sip : reported) {
                assertThat(lab.homeOf(Subject.user(SipAddress.of(sip))))
                        .as(sip)
                        .contains(Fqdn.of("sfb19pool01.contoso.com"));
            }
        }
    }
}
