package io.cutover.plan;

import static io.cutover.plan.Topologies.CATALOG;
import static io.cutover.plan.Topologies.EDGE01;
import static io.cutover.plan.Topologies.POOL01;
import static io.cutover.plan.Topologies.options;
import static io.cutover.plan.Topologies.redmond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.catalog.Feature;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlanDeterminismTest {

    /** Two sites, retained users, objects, several partners and site policies: most of what varies. */
    private static Topologies.Builder busy() {
        return redmond(40)
                .site("Dublin", EDGE01, null)
                .frontEnd("pool01.dublin.contoso.com", "Dublin", "Lync Server 2013")
                .frontEnd("pool02.dublin.contoso.com", "Dublin", "Skype for Business Server 2015")
                .frontEnd("pool19.dublin.contoso.com", "Dublin", "Skype for Business Server 2019")
                .users("pool01.dublin.contoso.com", "dub", 30)
                .users("pool02.dublin.contoso.com", "dubtwo", 7)
                .testUser("sip:dubtest@contoso.com", "pool01.dublin.contoso.com")
                .user("sip:chat@contoso.com", "pool01.dublin.contoso.com", Feature.PersistentChat)
                .user("sip:jabber@contoso.com", POOL01, Feature.Xmpp, Feature.Mcx)
                .object(
                        HomedKind.RgsConfiguration,
                        "service:ApplicationServer:pool01.dublin.contoso.com",
                        "pool01.dublin.contoso.com")
                .object(HomedKind.CallParkOrbit, "orbit-1", POOL01)
                .partner("zeta.example")
                .partner("adatum.com")
                .policies(
                        Map.of(PolicyKind.Conferencing, "Standard"),
                        Map.of("Dublin", Map.of(PolicyKind.Voice, "DublinVoice")));
    }

    @Test
    void planning_the_same_inventory_twice_gives_the_same_plan_and_checksum() {
        Plan first = Planner.plan(busy().build(), CATALOG, options(), "busy");
        Plan second = Planner.plan(busy().build(), CATALOG, options(), "busy");

        assertThat(second).isEqualTo(first);
        assertThat(second.checksum()).isEqualTo(first.checksum()).hasSize(64);
        assertThat(PlanCodec.toJson(second)).isEqualTo(PlanCodec.toJson(first));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 1234, 99999})
    void the_order_of_the_inventory_lists_does_not_change_the_plan(long seed) {
        Inventory inv = busy().build();

        Plan plan = Planner.plan(inv, CATALOG, options(), "busy");
        Plan fromShuffled = Planner.plan(Topologies.shuffled(inv, seed), CATALOG, options(), "busy");

        assertThat(fromShuffled.checksum()).isEqualTo(plan.checksum());
        assertThat(fromShuffled).isEqualTo(plan);
    }

    @Test
    void a_change_to_what_the_plan_depends_on_changes_the_checksum() {
        String base = Planner.plan(busy().build(), CATALOG, options(), "busy").checksum();

        Inventory inv = busy().build();
        // A pilot user: the plan records the policies it expects after the move.
        User someone = inv.findUser("sip:dub0001@contoso.com").orElseThrow();
        List<User> users = inv.users().stream()
                .map(u -> u == someone ? u.withPolicies(Map.of(PolicyKind.Conferencing, "Executive")) : u)
                .toList();
        Inventory newPolicy = new Inventory(
                inv.sites(),
                inv.pools(),
                inv.cmsPool(),
                users,
                inv.objects(),
                inv.meetings(),
                inv.clients(),
                inv.services(),
                inv.replicas(),
                inv.policies(),
                inv.partners());

        assertThat(Planner.plan(busy().user("sip:late@contoso.com", POOL01).build(), CATALOG, options(), "busy")
                        .checksum())
                .isNotEqualTo(base);
        assertThat(Planner.plan(busy().build(), CATALOG, options(), "busy, again")
                        .checksum())
                .isNotEqualTo(base);
        assertThat(Planner.plan(
                                busy().build(),
                                CATALOG,
                                new PlanOptions(options().target(), 3, List.of(), List.of(5, 11), 2),
                                "busy")
                        .checksum())
                .isNotEqualTo(base);
        assertThat(Planner.plan(newPolicy, CATALOG, options(), "busy").checksum())
                .isNotEqualTo(base);
    }

    @Test
    void the_target_may_be_named_by_its_short_name() {
        PlanOptions full = options();
        PlanOptions shortName = new PlanOptions(
                "sfb 2019", full.pilotCount(), full.pilotUsers(), full.waveSizes(), full.validationSample());

        Plan plan = Planner.plan(busy().build(), CATALOG, shortName, "busy");

        assertThat(plan.options().target()).isEqualTo("Skype for Business Server 2019");
        assertThat(plan.checksum())
                .isEqualTo(Planner.plan(busy().build(), CATALOG, full, "busy").checksum());
    }

    @Test
    void a_plan_survives_a_round_trip_through_json_with_its_checksum_verified() {
        Plan plan = Planner.plan(busy().build(), CATALOG, options(), "busy");

        String json = PlanCodec.toJson(plan);
        Plan read = PlanCodec.fromJson(json, "plan.json");

        assertThat(read).isEqualTo(plan);
        assertThat(read.checksum()).isEqualTo(plan.checksum()).isEqualTo(PlanCodec.checksum(read));
        assertThat(PlanCodec.toJson(read)).isEqualTo(json);
    }

    @Test
    void an_edited_plan_is_refused() {
        Plan plan = Planner.plan(busy().build(), CATALOG, options(), "busy");
        String json = PlanCodec.toJson(plan);
        String edited = json.replaceFirst("sip:dub0010@contoso.com", "sip:dub0011@contoso.com");
        assertThat(edited).isNotEqualTo(json);

        assertThatThrownBy(() -> PlanCodec.fromJson(edited, "plan.json"))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_CHECKSUM_MISMATCH))
                .hasMessageContaining("plan.json");
    }
}
