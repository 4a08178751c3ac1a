package io.cutover.plan;

import static io.cutover.plan.Topologies.CATALOG;
import static io.cutover.plan.Topologies.EDGE01;
import static io.cutover.plan.Topologies.LYNC_2010;
import static io.cutover.plan.Topologies.POOL01;
import static io.cutover.plan.Topologies.POOL19;
import static io.cutover.plan.Topologies.SFB_2015;
import static io.cutover.plan.Topologies.SFB_2019;
import static io.cutover.plan.Topologies.options;
import static io.cutover.plan.Topologies.redmond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.Inventory;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerRefusalsTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(
            Inventory inv, PlanOptions options, ErrorCode code) {
        return assertThatThrownBy(() -> Planner.plan(inv, CATALOG, options, "refused"))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void a_lync_2010_pool_planned_to_2019_is_refused_naming_the_two_hop_path() {
        Inventory inv =
                redmond(4).frontEnd("pool10.contoso.com", "Redmond", LYNC_2010).build();

        refused(inv, options(), ErrorCode.UNSUPPORTED_MIGRATION_PATH)
                .hasMessage(
                        "pool10.contoso.com runs Lync Server 2010, which cannot move straight to Skype for Business Server 2019: "
                                + "migrate in two hops, Lync Server 2010 -> Lync Server 2013 or Skype for Business Server 2015"
                                + " -> Skype for Business Server 2019");
    }

    @Test
    void a_target_older_than_a_pool_of_the_topology_is_refused_naming_the_pool() {
        Inventory inv = redmond(4).build();

        refused(inv, new PlanOptions(SFB_2015, 1, List.of(), List.of(10), 1), ErrorCode.UNSUPPORTED_MIGRATION_PATH)
                .hasMessageContaining("edge19.contoso.com runs Skype for Business Server 2019")
                .hasMessageContaining("newer than the target Skype for Business Server 2015");
    }

    @Test
    void a_topology_with_nothing_older_than_the_target_is_refused_as_nothing_to_migrate() {
        Inventory inv = Topologies.builder()
                .site("Redmond")
                .frontEnd(POOL19, "Redmond", SFB_2019)
                .users(POOL19, "u", 3)
                .build();

        refused(inv, options(), ErrorCode.BAD_INPUT).hasMessageContaining("nothing to migrate");
    }

    @Test
    void a_target_pool_that_would_home_more_users_than_its_version_is_sized_for_is_refused() {
        int capacity = CATALOG.version(SFB_2019).poolCapacity();
        Inventory fits = redmond(capacity).build();
        Inventory over = redmond(capacity + 1).build();

        assertThat(Planner.plan(fits, CATALOG, options(), "fits").steps()).isNotEmpty();
        refused(over, options(), ErrorCode.TARGET_CAPACITY_EXCEEDED)
                .hasMessageContaining(POOL19 + " would home " + (capacity + 1) + " users, more than the " + capacity);
    }

    @Test
    void a_lync_2010_pool_planned_to_2015_is_fine() {
        Inventory inv = Topologies.builder()
                .site("Redmond")
                .frontEnd("pool10.contoso.com", "Redmond", LYNC_2010)
                .frontEnd("pool15.contoso.com", "Redmond", SFB_2015)
                .users("pool10.contoso.com", "u", 3)
                .build();

        Plan plan = Planner.plan(inv, CATALOG, new PlanOptions(SFB_2015, 1, List.of(), List.of(10), 1), "2010");

        assertThat(PlanReading.movedUsers(plan)).hasSize(3);
    }

    @Test
    void a_site_with_a_legacy_front_end_and_no_target_pool_is_refused() {
        Inventory inv = redmond(4)
                .site("Dublin")
                .frontEnd("old.dublin.contoso.com", "Dublin", SFB_2015)
                .build();

        refused(inv, options(), ErrorCode.NO_TARGET_POOL_IN_SITE)
                .hasMessageContaining("Dublin")
                .hasMessageContaining("old.dublin.contoso.com")
                .hasMessageContaining(SFB_2019);
    }

    @Test
    void a_target_pool_in_another_site_does_not_count() {
        Inventory inv = Topologies.builder()
                .site("Redmond")
                .site("Dublin")
                .frontEnd(POOL01, "Redmond", SFB_2015)
                .frontEnd(POOL19, "Dublin", SFB_2019)
                .build();

        refused(inv, options(), ErrorCode.NO_TARGET_POOL_IN_SITE).hasMessageContaining("Redmond");
    }

    @Test
    void a_site_with_a_legacy_edge_and_no_target_edge_is_refused() {
        Inventory inv = Topologies.builder()
                .site("Redmond", EDGE01, null)
                .frontEnd(POOL01, "Redmond", SFB_2015)
                .frontEnd(POOL19, "Redmond", SFB_2019)
                .edge(EDGE01, "Redmond", SFB_2015, POOL01)
                .build();

        refused(inv, options(), ErrorCode.NO_TARGET_EDGE_IN_SITE)
                .hasMessageContaining("Redmond")
                .hasMessageContaining(EDGE01);
    }

    @Test
    void a_user_homed_on_a_pool_the_topology_lacks_is_refused() {
        Inventory inv =
                redmond(4).user("sip:ghost@contoso.com", "gone.contoso.com").build();

        refused(inv, options(), ErrorCode.UNKNOWN_POOL)
                .hasMessageContaining("sip:ghost@contoso.com")
                .hasMessageContaining("gone.contoso.com");
    }

    @Test
    void an_object_homed_on_a_pool_the_topology_lacks_is_refused() {
        Inventory inv = redmond(4)
                .object(HomedKind.AnalogDevice, "sip:fax@contoso.com", "gone.contoso.com")
                .build();

        refused(inv, options(), ErrorCode.UNKNOWN_POOL)
                .hasMessageContaining("AnalogDevice 'sip:fax@contoso.com'")
                .hasMessageContaining("gone.contoso.com");
    }

    @Test
    void an_unknown_target_version_is_refused() {
        refused(redmond(4).build(), new PlanOptions("Teams", 1, List.of(), List.of(1), 1), ErrorCode.UNKNOWN_VERSION)
                .hasMessageContaining("Teams");
    }

    @Test
    void a_pool_of_an_unknown_version_is_refused_naming_the_pool() {
        Inventory inv = redmond(4)
                .frontEnd("pool07.contoso.com", "Redmond", "OCS 2007 R2")
                .build();

        refused(inv, options(), ErrorCode.UNKNOWN_VERSION)
                .hasMessageContaining("pool07.contoso.com")
                .hasMessageContaining("OCS 2007 R2");
    }

    @Test
    void a_user_listed_twice_is_refused() {
        Inventory inv = redmond(4)
                .user("sip:Twice@contoso.com", POOL01)
                .user("sip:twice@contoso.com", POOL19)
                .build();

        refused(inv, options(), ErrorCode.BAD_INPUT).hasMessageContaining("twice@contoso.com");
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(new PlanOptions(SFB_2019, -1, List.of(), List.of(10), 1), "pilot count"),
                Arguments.of(new PlanOptions(SFB_2019, 1, List.of(), List.of(), 1), "no wave sizes"),
                Arguments.of(new PlanOptions(SFB_2019, 1, List.of(), List.of(10, 0), 1), "wave size 0"),
                Arguments.of(new PlanOptions(SFB_2019, 1, List.of(), List.of(-5), 1), "wave size -5"),
                Arguments.of(new PlanOptions(SFB_2019, 1, List.of(), List.of(10), -1), "validation sample"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void options_that_make_no_sense_are_refused(PlanOptions options, String said) {
        refused(redmond(4).build(), options, ErrorCode.BAD_INPUT).hasMessageContaining(said);
    }

    @Test
    void refusals_come_in_a_stable_order_whatever_the_inventory_order() {
        Inventory inv = redmond(4)
                .user("sip:ghost2@contoso.com", "gone2.contoso.com")
                .user("sip:ghost1@contoso.com", "gone1.contoso.com")
                .build();
        for (long seed : Arrays.asList(1L, 2L, 3L)) {
            refused(Topologies.shuffled(inv, seed), options(), ErrorCode.UNKNOWN_POOL)
                    .hasMessageContaining("sip:ghost1@contoso.com");
        }
    }
}
