package io.cutover.plan;

import static io.cutover.plan.PlanReading.batch;
import static io.cutover.plan.PlanReading.ids;
import static io.cutover.plan.PlanReading.movedUsers;
import static io.cutover.plan.PlanReading.sips;
import static io.cutover.plan.Topologies.CATALOG;
import static io.cutover.plan.Topologies.LYNC_2013;
import static io.cutover.plan.Topologies.POOL01;
import static io.cutover.plan.Topologies.POOL19;
import static io.cutover.plan.Topologies.SFB_2019;
import static io.cutover.plan.Topologies.redmond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.catalog.Feature;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerPilotTest {
    private static final String POOL02 = "pool02.contoso.com";

    private static PlanOptions pilot(int count, String... users) {
        return new PlanOptions(SFB_2019, count, List.of(users), List.of(5, 10), 2);
    }

    /** pool01 with test users sorting after plain ones, and a second legacy pool. */
    private static Inventory twoPools() {
        return Topologies.builder()
                .site("Redmond")
                .frontEnd(POOL01, "Redmond", "Skype for Business Server 2015")
                .frontEnd(POOL02, "Redmond", LYNC_2013)
                .frontEnd(POOL19, "Redmond", SFB_2019)
                .users(POOL01, "a", 6)
                .testUser("sip:z-test2@contoso.com", POOL01)
                .testUser("sip:Y-Test1@contoso.com", POOL01)
                .users(POOL02, "b", 6)
                .build();
    }

    @Test
    void the_pilot_takes_test_users_first_then_others_in_sip_order() {
        Plan plan = Planner.plan(twoPools(), CATALOG, pilot(4), "pilot");

        Step.MoveBatch pilot = batch(plan, "Redmond/pool01.contoso.com/pilot");
        assertThat(sips(pilot))
                .containsExactly(
                        "sip:Y-Test1@contoso.com",
                        "sip:z-test2@contoso.com",
                        "sip:a0001@contoso.com",
                        "sip:a0002@contoso.com");
        assertThat(pilot.moves()).allSatisfy(m -> {
            assertThat(m.from()).isEqualTo(Fqdn.of(POOL01));
            assertThat(m.to()).isEqualTo(Fqdn.of(POOL19));
        });
        assertThat(pilot.phase()).isEqualTo(Phase.Pilot);
        assertThat(pilot.title()).isEqualTo("pilot (4)");
        assertThat(sips(batch(plan, "Redmond/pool02.contoso.com/pilot")))
                .containsExactly(
                        "sip:b0001@contoso.com",
                        "sip:b0002@contoso.com",
                        "sip:b0003@contoso.com",
                        "sip:b0004@contoso.com");
    }

    @Test
    void the_pilot_never_takes_a_retained_user() {
        Inventory inv = redmond(4)
                .user("sip:aaa-chat@contoso.com", POOL01, true, java.util.Set.of(Feature.Xmpp))
                .build();

        Plan plan = Planner.plan(inv, CATALOG, pilot(10), "pilot");

        assertThat(sips(batch(plan, "Redmond/pool01.contoso.com/pilot")))
                .doesNotContain("sip:aaa-chat@contoso.com")
                .hasSize(4);
    }

    @Test
    void an_explicit_pilot_list_is_used_per_pool_instead_of_the_count() {
        Plan plan = Planner.plan(
                twoPools(),
                CATALOG,
                pilot(4, "sip:A0005@contoso.com", "sip:a0003@contoso.com", "sip:y-test1@contoso.com"),
                "pilot");

        assertThat(sips(batch(plan, "Redmond/pool01.contoso.com/pilot")))
                .containsExactly("sip:Y-Test1@contoso.com", "sip:a0003@contoso.com", "sip:a0005@contoso.com");
        // The list names nobody on pool02: it gets no pilot, and its users all move in waves.
        assertThat(ids(plan))
                .doesNotContain("Redmond/pool02.contoso.com/pilot", "Redmond/pool02.contoso.com/pilot-validation");
        assertThat(movedUsers(plan)).contains("sip:b0001@contoso.com");
    }

    @Test
    void a_pilot_count_of_zero_plans_no_pilot_and_still_moves_everyone() {
        Plan plan = Planner.plan(twoPools(), CATALOG, pilot(0), "pilot");

        assertThat(plan.steps()).noneMatch(s -> s.phase() == Phase.Pilot || s.phase() == Phase.PilotValidation);
        assertThat(movedUsers(plan)).hasSize(14).doesNotHaveDuplicates();
    }

    @Test
    void an_unknown_pilot_user_is_refused() {
        assertThatThrownBy(() -> Planner.plan(twoPools(), CATALOG, pilot(4, "sip:nobody@contoso.com"), "pilot"))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_USER))
                .hasMessageContaining("sip:nobody@contoso.com");
    }

    @Test
    void a_pilot_user_already_on_the_target_version_is_refused() {
        Inventory inv = Topologies.builder()
                .site("Redmond")
                .frontEnd(POOL01, "Redmond", LYNC_2013)
                .frontEnd(POOL19, "Redmond", SFB_2019)
                .users(POOL01, "a", 3)
                .users(POOL19, "new", 3)
                .build();

        assertThatThrownBy(() -> Planner.plan(inv, CATALOG, pilot(4, "sip:new0001@contoso.com"), "pilot"))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageContaining("sip:new0001@contoso.com")
                .hasMessageContaining(POOL19);
    }

    @Test
    void a_retained_pilot_user_is_refused_with_the_reason() {
        Inventory inv = redmond(4)
                .user("sip:chat@contoso.com", POOL01, Feature.PersistentChat)
                .build();

        assertThatThrownBy(() -> Planner.plan(inv, CATALOG, pilot(4, "sip:chat@contoso.com"), "pilot"))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageContaining("depends on PersistentChat");
    }
}
