package io.cutover.assess;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.assess.Assessment.Finding;
import io.cutover.assess.Assessment.FindingCode;
import io.cutover.catalog.Catalog;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Policies;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.ServerVersion;
import io.cutover.inventory.Site;
import io.cutover.inventory.SiteKind;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Assessing for Subscription Edition: support dates, 2019 or SE, paths and the minimum build. */
class SubscriptionEditionAssessTest {
    private static final Catalog CATALOG = Catalog.bundled();
    private static final String SE = "Skype for Business Server Subscription Edition";
    private static final List<Site> SITE = List.of(new Site("A", 1, SiteKind.CentralSite, null, null));

    private static Pool fe(String fqdn, String version) {
        return new Pool(Fqdn.of(fqdn), "A", PoolRole.FrontEnd, version, List.of(server(fqdn)), null);
    }

    private static Fqdn server(String pool) {
        return Fqdn.of("fe1." + pool);
    }

    private static Inventory inventory(List<Pool> pools, List<ServerVersion> versions) {
        return new Inventory(
                SITE,
                pools,
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Policies.none(),
                List.of(),
                versions);
    }

    private static ServerVersion reports(String pool, String product, String build) {
        return new ServerVersion(server(pool), product, build, "Get-CsServerVersion");
    }

    private static Assessment assess(Inventory inv, String target, LocalDate today) {
        return Assessor.assess(inv, CATALOG, CATALOG.version(target), List.of(), today);
    }

    private static List<Finding> of(Assessment a, FindingCode code) {
        return a.findings().stream().filter(f -> f.code() == code).toList();
    }

    @Test
    void a_2019_deployment_is_ready_for_se_side_by_side_and_the_in_place_upgrade_is_named() {
        Inventory inv = inventory(
                List.of(fe("pool19.x.com", "Skype for Business Server 2019"), fe("poolse.x.com", SE)),
                List.of(
                        reports("pool19.x.com", "Skype for Business Server 2019", "7.0.2046.551"),
                        reports("poolse.x.com", SE, "7.0.2046.849")));
        Assessment a = assess(inv, "SE", LocalDate.of(2026, 11, 29));
        assertThat(a.ready()).isTrue();
        assertThat(a.target()).isEqualTo(SE);
        assertThat(of(a, FindingCode.IN_PLACE_UPGRADE_ALTERNATIVE))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("side by side").contains("in-place upgrade"));
        assertThat(a.pools())
                .filteredOn(Assessment.PoolReport::legacy)
                .extracting(Assessment.PoolReport::fqdn)
                .containsExactly("pool19.x.com");
    }

    @Test
    void pools_past_their_end_of_support_are_reported_and_a_supported_one_is_not() {
        Inventory inv = inventory(
                List.of(fe("pool15.x.com", "Skype for Business Server 2015"), fe("poolse.x.com", SE)),
                List.of(reports("pool15.x.com", null, "6.0.9319.700"), reports("poolse.x.com", SE, "7.0.2046.820")));
        assertThat(of(assess(inv, SE, LocalDate.of(2026, 1, 1)), FindingCode.UNSUPPORTED_VERSION))
                .extracting(Finding::subject)
                .containsExactly("pool15.x.com");
        assertThat(of(assess(inv, SE, LocalDate.of(2025, 10, 13)), FindingCode.UNSUPPORTED_VERSION))
                .isEmpty();
    }

    @Test
    void without_versions_csv_a_7_0_pool_is_2019_or_se_and_a_finding_asks_for_the_file() {
        Inventory inv = inventory(
                List.of(fe("pool15.x.com", "Skype for Business Server 2015"), fe("pool7.x.com", "7.0")), List.of());
        Assessment a = assess(inv, "2019", LocalDate.of(2026, 1, 1));
        assertThat(of(a, FindingCode.VERSION_UNIDENTIFIED)).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("pool7.x.com");
            assertThat(f.message())
                    .contains("Skype for Business Server 2019 or " + SE)
                    .contains("versions.csv");
        });
    }

    @Test
    void with_a_versions_row_for_its_servers_a_pool_is_no_longer_unidentified() {
        Inventory inv = inventory(
                List.of(fe("pool15.x.com", "Skype for Business Server 2015"), fe("pool7.x.com", SE)),
                List.of(reports("pool7.x.com", null, "7.0.2046.826")));
        assertThat(of(assess(inv, SE, LocalDate.of(2026, 1, 1)), FindingCode.VERSION_UNIDENTIFIED))
                .isEmpty();
    }

    @Test
    void lync_2013_to_se_is_planned_like_2013_to_2019_and_said_to_be_unconfirmed() {
        Inventory inv = inventory(List.of(fe("pool13.x.com", "Lync Server 2013"), fe("poolse.x.com", SE)), List.of());
        Assessment a = assess(inv, SE, LocalDate.of(2026, 1, 1));
        assertThat(a.findings()).noneMatch(f -> f.code() == FindingCode.UNSUPPORTED_MIGRATION_PATH);
        assertThat(of(a, FindingCode.UNCONFIRMED_MIGRATION_PATH))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("unconfirmed"));
    }

    @Test
    void lync_2010_cannot_reach_se_and_the_two_hop_path_is_named() {
        Inventory inv = inventory(List.of(fe("pool10.x.com", "Lync Server 2010"), fe("poolse.x.com", SE)), List.of());
        Assessment a = assess(inv, SE, LocalDate.of(2026, 1, 1));
        assertThat(a.ready()).isFalse();
        assertThat(of(a, FindingCode.UNSUPPORTED_MIGRATION_PATH))
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains("Lync Server 2010 -> Lync Server 2013 or Skype for Business Server 2015 -> " + SE));
    }

    @Test
    void a_server_below_the_minimum_build_is_named_with_the_update_to_install() {
        Inventory inv = inventory(
                List.of(fe("pool15.x.com", "Skype for Business Server 2015"), fe("poolse.x.com", SE)),
                List.of(
                        reports("pool15.x.com", "Skype for Business Server 2015", "6.0.9319.281"),
                        new ServerVersion(server("pool15.x.com"), "Core", "6.0.9319.100", "Get-CsServerPatchVersion"),
                        reports("poolse.x.com", SE, "7.0.2046.849")));
        Assessment low = assess(inv, SE, LocalDate.of(2026, 1, 1));
        assertThat(low.ready()).isFalse();
        assertThat(of(low, FindingCode.BELOW_MINIMUM_BUILD)).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("fe1.pool15.x.com");
            assertThat(f.message())
                    .contains("6.0.9319.281")
                    .contains("6.0.9319.869")
                    .contains("install")
                    .contains("not published");
        });
        Inventory patched = inv.withServerVersions(
                List.of(reports("pool15.x.com", "Skype for Business Server 2015", "6.0.9319.900")));
        assertThat(of(assess(patched, SE, LocalDate.of(2026, 1, 1)), FindingCode.BELOW_MINIMUM_BUILD))
                .isEmpty();
    }
}
