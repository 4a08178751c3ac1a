package io.cutover.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Catalog;
import io.cutover.deployment.ProbeKind;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.SipAddress;
import io.cutover.lab.Lab;
import io.cutover.lab.Scenarios;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CoexistenceMatrixTest {
    private static final Catalog CATALOG = Catalog.bundled();

    private static Inventory synthetic(int sites) {
        try (Lab lab = Lab.inMemory(Scenarios.synthetic(sites, 100), Clock.systemUTC())) {
            return lab.snapshot();
        }
    }

    @Test
    void
            every_legacy_pool_meets_every_new_pool_both_ways_in_five_modalities_plus_external_and_federated_per_registrar() {
        CoexistenceMatrix m = CoexistenceMatrix.of(synthetic(5), CATALOG);

        List<CoexistenceMatrix.Cell> internal = m.cells().stream()
                .filter(c -> c.path() == CoexistenceMatrix.Path.Internal)
                .toList();
        assertThat(m.newVersion()).isEqualTo("Skype for Business Server 2019");
        // 5 legacy pools x 5 new pools x 2 directions x 5 modalities.
        assertThat(internal).hasSize(250);
        assertThat(internal)
                .extracting(CoexistenceMatrix.Cell::modality)
                .containsOnlyElementsOf(ProbeKind.PEER_MODALITIES);
        assertThat(internal.stream()
                        .filter(c ->
                                c.from().equals("legacy03.contoso.com") && c.to().equals("sfb19pool05.contoso.com")))
                .extracting(CoexistenceMatrix.Cell::modality)
                .containsExactlyElementsOf(ProbeKind.PEER_MODALITIES);
        assertThat(internal.stream()
                        .filter(c ->
                                c.from().equals("sfb19pool05.contoso.com") && c.to().equals("legacy03.contoso.com")))
                .hasSize(5);
        // Each site: 2 Front End pools through 2 Edges, and 2 through the federation route.
        assertThat(m.cells().stream().filter(c -> c.path() == CoexistenceMatrix.Path.External))
                .hasSize(5 * 2 * 2);
        assertThat(m.cells().stream().filter(c -> c.path() == CoexistenceMatrix.Path.Federated))
                .hasSize(5 * 2)
                .allSatisfy(c -> assertThat(c.to()).isEqualTo("fabrikam.com"));
    }

    @Test
    void a_pool_without_users_has_cells_without_a_probe_and_the_legacy_side_uses_its_first_test_user() {
        CoexistenceMatrix m = CoexistenceMatrix.of(synthetic(2), CATALOG);

        CoexistenceMatrix.Cell im = m.cells().stream()
                .filter(c -> c.modality() == ProbeKind.Im
                        && c.from().equals("legacy01.contoso.com")
                        && c.to().equals("sfb19pool01.contoso.com"))
                .findFirst()
                .orElseThrow();
        assertThat(im.probe())
                .as("the 2019 pools are empty in the synthetic scenario")
                .isNull();
        CoexistenceMatrix.Cell external = m.cells().stream()
                .filter(c ->
                        c.path() == CoexistenceMatrix.Path.External && c.from().equals("legacy01.contoso.com"))
                .findFirst()
                .orElseThrow();
        assertThat(external.probe().from()).isEqualTo(SipAddress.of("sip:s01u000001@contoso.com"));
    }

    @Test
    void the_matrix_restricted_to_some_pools_keeps_only_their_cells_whatever_their_case_and_is_the_same_every_time() {
        Inventory inventory = synthetic(3);
        CoexistenceMatrix m =
                CoexistenceMatrix.of(inventory, CATALOG).involving(List.of(Fqdn.of("Legacy02.Contoso.com")));

        assertThat(m.cells())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(List.of(c.from(), c.to())).contains("legacy02.contoso.com"));
        assertThat(m.cells().stream().map(CoexistenceMatrix.Cell::to).collect(Collectors.toSet()))
                .contains("sfb19pool01.contoso.com", "sfb19pool02.contoso.com", "sfb19pool03.contoso.com");
        assertThat(CoexistenceMatrix.of(inventory, CATALOG)).isEqualTo(CoexistenceMatrix.of(inventory, CATALOG));
    }
}
