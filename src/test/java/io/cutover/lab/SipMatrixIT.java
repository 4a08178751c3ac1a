package io.cutover.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Catalog;
import io.cutover.check.CoexistenceMatrix;
import io.cutover.check.MatrixRunner;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The coexistence matrix of the Contoso example over SIP, as a migration reaches its pilot. */
class SipMatrixIT {
    private static final String LEGACY = "lyncpool01.contoso.com";
    private Lab lab;

    @BeforeEach
    void pilot() {
        lab = Lab.inMemory(Lab.example(), TestScenarios.CLOCK);
        // The 2019 pools deployed and a test user moved to each: what the plan has done by its pilot.
        lab.deploy(Fqdn.of("sfb19pool-red.contoso.com"));
        lab.deploy(Fqdn.of("sfb19pool-dub.contoso.com"));
        lab.move(Subject.user(SipAddress.of(firstTestUserOn(LEGACY))), Fqdn.of("sfb19pool-red.contoso.com"));
        lab.move(
                Subject.user(SipAddress.of(firstTestUserOn("sfb15pool-dub.contoso.com"))),
                Fqdn.of("sfb19pool-dub.contoso.com"));
        lab.startSip(100, 1_000);
    }

    @AfterEach
    void close() {
        lab.close();
    }

    private MatrixRunner.Report run() {
        return new MatrixRunner(lab, 16).run(CoexistenceMatrix.of(lab.snapshot(), Catalog.bundled()));
    }

    @Test
    void the_example_matrix_passes_in_every_cell() {
        MatrixRunner.Report r = run();

        assertThat(r.rows()).filteredOn(MatrixRunner.Row::failed).isEmpty();
        assertThat(r.skipped()).isZero();
        // Redmond: 1 legacy x 2 new x 2 ways x 5 = 20, Dublin the same; each site 2 Front Ends x (2 Edges + 1 route).
        assertThat(r.passed()).isEqualTo(20 + 20 + 2 * 2 * 3);
    }

    @Test
    void with_a_legacy_pools_services_stopped_exactly_its_cells_fail_each_with_503() {
        Pool legacy = lab.snapshot().pool(LEGACY);
        lab.inject(new Fault.ServiceStopped(
                LEGACY, "RTCSRV", legacy.servers().get(1).text()));

        MatrixRunner.Report r = run();

        List<MatrixRunner.Row> failed =
                r.rows().stream().filter(MatrixRunner.Row::failed).toList();
        // Every cell that needs the legacy pool: all of its own, and the other pools' except their users' own
        // registrations.
        List<MatrixRunner.Row> needing = r.rows().stream()
                .filter(x -> x.from().equals(LEGACY)
                        || (x.to().equals(LEGACY) && !x.modality().equals("Registration")))
                .toList();
        assertThat(failed).containsExactlyInAnyOrderElementsOf(needing);
        assertThat(failed)
                .hasSize(18 + 2 + 1)
                .allSatisfy(x -> assertThat(x.diagnosis())
                        .isEqualTo("503 Service Unavailable: RTCSRV stopped on "
                                + legacy.servers().get(1)));
    }

    @Test
    void federated_cells_fail_while_the_route_points_at_an_edge_that_is_down_and_pass_once_it_moves() {
        lab.inject(new Fault.PoolDown("lyncedge01.contoso.com"));

        List<MatrixRunner.Row> federated =
                run().rows().stream().filter(x -> x.path().equals("Federated")).toList();

        assertThat(federated)
                .filteredOn(x -> x.site().equals("Redmond"))
                .hasSize(2)
                .allSatisfy(x -> {
                    assertThat(x.outcome()).isEqualTo("fail");
                    assertThat(x.diagnosis())
                            .isEqualTo("480 Temporarily Unavailable: pool lyncedge01.contoso.com is down");
                });
        assertThat(federated)
                .filteredOn(x -> x.site().equals("Dublin"))
                .allSatisfy(x -> assertThat(x.outcome()).isEqualTo("pass"));

        lab.setFederationRoute("Redmond", Fqdn.of("sfb19edge-red.contoso.com"));

        assertThat(run().rows().stream().filter(x -> x.path().equals("Federated")))
                .hasSize(4)
                .allSatisfy(x -> assertThat(x.outcome()).isEqualTo("pass"));
    }

    private String firstTestUserOn(String pool) {
        return lab.snapshot().users().stream()
                .filter(u -> u.pool().is(pool) && u.test())
                .map(User::sipAddress)
                .sorted()
                .findFirst()
                .orElseThrow()
                .text();
    }
}
