package io.cutover.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the catalog says about Subscription Edition and the versions that migrate to it. */
class SubscriptionEditionCatalogTest {
    private static final Catalog CATALOG = Catalog.bundled();
    private static final ProductVersion SE = CATALOG.version("SE");

    private static ProductVersion v(String name) {
        return CATALOG.version(name);
    }

    @Test
    void short_forms_name_the_versions() {
        assertThat(List.of("SE", "subscription edition", "SfB SE", "Skype for Business Server Subscription Edition"))
                .allSatisfy(t -> assertThat(CATALOG.version(t)).isEqualTo(SE));
        assertThat(CATALOG.version("2019").name()).isEqualTo("Skype for Business Server 2019");
        assertThat(CATALOG.version("2015").name()).isEqualTo("Skype for Business Server 2015");
        assertThat(CATALOG.version("7.0").name()).isEqualTo("Skype for Business Server 2019");
    }

    @Test
    void se_offers_what_2019_offers() {
        assertThat(SE.features()).isEqualTo(v("2019").features());
        assertThat(SE.sameCodeAs(v("2019"))).isTrue();
        assertThat(SE.sameCodeAs(v("2015"))).isFalse();
    }

    @Test
    void paths_to_se_are_side_by_side_from_2015_and_2019_inferred_from_2013_and_two_hops_from_2010() {
        assertThat(CATALOG.migration(v("2015"), SE)).hasValueSatisfying(m -> {
            assertThat(m.confirmed()).isTrue();
            assertThat(m.alternative()).isNull();
        });
        assertThat(CATALOG.migration(v("2019"), SE)).hasValueSatisfying(m -> {
            assertThat(m.confirmed()).isTrue();
            assertThat(m.alternative()).contains("in-place upgrade");
        });
        assertThat(CATALOG.migration(v("2013"), SE))
                .hasValueSatisfying(m -> assertThat(m.confirmed()).isFalse());
        assertThat(CATALOG.mayMigrate(v("2010"), SE)).isFalse();
        assertThat(CATALOG.twoHopVia(v("2010"), SE))
                .extracting(ProductVersion::name)
                .containsExactly("Lync Server 2013", "Skype for Business Server 2015");
        assertThat(CATALOG.mayCoexist(List.of(v("2013"), v("2015"), v("2019"), SE)))
                .isTrue();
        assertThat(CATALOG.mayCoexist(v("2010"), SE)).isFalse();
    }

    @Test
    void every_version_but_se_is_past_its_end_of_support_in_2026() {
        LocalDate day = LocalDate.of(2026, 11, 29);
        assertThat(CATALOG.versions())
                .filteredOn(x -> x.unsupportedOn(day))
                .extracting(ProductVersion::name)
                .containsExactly(
                        "Lync Server 2010",
                        "Lync Server 2013",
                        "Skype for Business Server 2015",
                        "Skype for Business Server 2019");
        assertThat(v("2019").unsupportedOn(LocalDate.of(2025, 10, 13))).isFalse();
    }

    @Test
    void a_7_0_build_of_revision_820_or_more_or_the_se_product_name_is_se() {
        assertThat(CATALOG.reported(null, "7.0.2046.820")).contains(SE);
        assertThat(CATALOG.reported("", "7.0.2046.849")).contains(SE);
        assertThat(CATALOG.reported(null, "7.0.2046.551")).contains(v("2019"));
        assertThat(CATALOG.reported("Skype for Business Server Subscription Edition", "7.0.2046.0"))
                .contains(SE);
        assertThat(CATALOG.reported(null, "6.0.9319.869")).contains(v("2015"));
        assertThat(CATALOG.lookAlikes(v("2019"))).containsExactly(v("2019"), SE);
        assertThat(CATALOG.lookAlikes(v("2015"))).containsExactly(v("2015"));
    }

    @Test
    void the_minimum_builds_to_coexist_with_se_are_marked_as_not_published() {
        assertThat(v("2015").minimumFor(SE))
                .hasValueSatisfying(m -> assertThat(m.published()).isFalse());
        assertThat(v("2019").minimumFor(SE))
                .hasValueSatisfying(m -> assertThat(m.update()).contains("2019"));
        assertThat(v("2013").minimumFor(SE)).isEmpty();
    }
}
