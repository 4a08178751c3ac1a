package io.cutover.plan;

import static io.cutover.plan.PlanReading.batch;
import static io.cutover.plan.PlanReading.check;
import static io.cutover.plan.PlanReading.gate;
import static io.cutover.plan.PlanReading.ids;
import static io.cutover.plan.PlanReading.step;
import static io.cutover.plan.Topologies.CATALOG;
import static io.cutover.plan.Topologies.EDGE01;
import static io.cutover.plan.Topologies.EDGE19;
import static io.cutover.plan.Topologies.LYNC_2013;
import static io.cutover.plan.Topologies.POOL01;
import static io.cutover.plan.Topologies.POOL19;
import static io.cutover.plan.Topologies.SFB_2015;
import static io.cutover.plan.Topologies.SFB_2019;
import static io.cutover.plan.Topologies.options;
import static io.cutover.plan.Topologies.redmond;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.check.Check;
import io.cutover.deployment.ProbeKind;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerPhasesTest {

    @Test
    void a_legacy_pool_walks_every_phase_in_the_documented_order() {
        Plan plan = Planner.plan(redmond(12).build(), CATALOG, options(), "redmond");

        assertThat(ids(plan))
                .containsExactly(
                        "Redmond/pool01.contoso.com/deploy-target",
                        "Redmond/pool01.contoso.com/coexistence",
                        "Redmond/pool01.contoso.com/pilot",
                        "Redmond/pool01.contoso.com/pilot-validation",
                        "Redmond/edge-deploy-target",
                        "Redmond/edge",
                        "Redmond/federation-route",
                        "Redmond/federation",
                        "Redmond/pool01.contoso.com/wave-01",
                        "Redmond/pool01.contoso.com/wave-01-validation",
                        "Redmond/pool01.contoso.com/wave-02",
                        "Redmond/pool01.contoso.com/wave-02-validation",
                        "Redmond/pool01.contoso.com/objects-CommonAreaPhone",
                        "Redmond/pool01.contoso.com/objects-ConferenceDirectory",
                        "Redmond/pool01.contoso.com/cms",
                        "Redmond/edge01.contoso.com/drain",
                        "Redmond/edge01.contoso.com/decommission",
                        "Redmond/pool01.contoso.com/drain",
                        "Redmond/pool01.contoso.com/decommission");
        for (String pool : List.of(POOL01, EDGE01)) {
            assertThat(plan.steps().stream()
                            .filter(s -> s.pool() != null && s.pool().is(pool))
                            .map(Step::phase)
                            .toList())
                    .as("phases of %s", pool)
                    .isSortedAccordingTo(Enum::compareTo);
        }
        assertThat(plan.format()).isEqualTo(Plan.FORMAT);
        assertThat(plan.source()).isEqualTo("redmond");
        assertThat(plan.checksum()).isEqualTo(PlanCodec.checksum(plan));
    }

    @Test
    void steps_name_their_site_pool_and_targets() {
        Plan plan = Planner.plan(redmond(12).build(), CATALOG, options(), "redmond");

        assertThat(step(plan, "Redmond/pool01.contoso.com/deploy-target"))
                .isEqualTo(new Step.DeployTarget(
                        "Redmond/pool01.contoso.com/deploy-target",
                        "Redmond",
                        Fqdn.of(POOL01),
                        Phase.Prepare,
                        Fqdn.of(POOL19)));
        assertThat(step(plan, "Redmond/federation-route"))
                .isEqualTo(new Step.RouteFederation(
                        "Redmond/federation-route",
                        "Redmond",
                        null,
                        Phase.Federation,
                        Fqdn.of(EDGE01),
                        Fqdn.of(EDGE19)));
        assertThat(step(plan, "Redmond/pool01.contoso.com/decommission"))
                .isEqualTo(new Step.Decommission(
                        "Redmond/pool01.contoso.com/decommission",
                        "Redmond",
                        Fqdn.of(POOL01),
                        Phase.Decommission,
                        Fqdn.of(POOL01)));
        assertThat(gate(plan, "Redmond/edge01.contoso.com/drain").checks())
                .containsExactly(new Check.Drain(Fqdn.of(EDGE01)));
        // The decommission verb finds this gate by the pool an operator names, in whatever case.
        assertThat(gate(plan, "Redmond/edge01.contoso.com/drain").checks())
                .contains(new Check.Drain(Fqdn.of("EDGE01.Contoso.COM")));
        assertThat(plan.steps()).allSatisfy(s -> assertThat(s.site()).isEqualTo("Redmond"));
    }

    @Test
    void two_sites_are_planned_one_after_the_other_in_name_order_and_pools_in_fqdn_order() {
        Inventory inv = Topologies.builder()
                .site("Tokyo")
                .site("Amsterdam")
                .frontEnd("poolb.tokyo.contoso.com", "Tokyo", SFB_2015)
                .frontEnd("poola.tokyo.contoso.com", "Tokyo", LYNC_2013)
                .frontEnd("new.tokyo.contoso.com", "Tokyo", SFB_2019)
                .frontEnd("old.ams.contoso.com", "Amsterdam", SFB_2015)
                .frontEnd("new.ams.contoso.com", "Amsterdam", SFB_2019)
                .users("poolb.tokyo.contoso.com", "b", 4)
                .users("poola.tokyo.contoso.com", "a", 4)
                .users("old.ams.contoso.com", "ams", 4)
                .build();

        Plan plan = Planner.plan(inv, CATALOG, new PlanOptions(SFB_2019, 1, List.of(), List.of(10), 1), "two");

        assertThat(ids(plan))
                .containsExactly(
                        "Amsterdam/old.ams.contoso.com/deploy-target",
                        "Amsterdam/old.ams.contoso.com/coexistence",
                        "Amsterdam/old.ams.contoso.com/pilot",
                        "Amsterdam/old.ams.contoso.com/pilot-validation",
                        "Amsterdam/old.ams.contoso.com/wave-01",
                        "Amsterdam/old.ams.contoso.com/wave-01-validation",
                        "Amsterdam/old.ams.contoso.com/drain",
                        "Amsterdam/old.ams.contoso.com/decommission",
                        "Tokyo/poola.tokyo.contoso.com/deploy-target",
                        "Tokyo/poola.tokyo.contoso.com/coexistence",
                        "Tokyo/poola.tokyo.contoso.com/pilot",
                        "Tokyo/poola.tokyo.contoso.com/pilot-validation",
                        "Tokyo/poolb.tokyo.contoso.com/deploy-target",
                        "Tokyo/poolb.tokyo.contoso.com/coexistence",
                        "Tokyo/poolb.tokyo.contoso.com/pilot",
                        "Tokyo/poolb.tokyo.contoso.com/pilot-validation",
                        "Tokyo/poola.tokyo.contoso.com/wave-01",
                        "Tokyo/poola.tokyo.contoso.com/wave-01-validation",
                        "Tokyo/poolb.tokyo.contoso.com/wave-01",
                        "Tokyo/poolb.tokyo.contoso.com/wave-01-validation",
                        "Tokyo/poola.tokyo.contoso.com/drain",
                        "Tokyo/poola.tokyo.contoso.com/decommission",
                        "Tokyo/poolb.tokyo.contoso.com/drain",
                        "Tokyo/poolb.tokyo.contoso.com/decommission");
        assertThat(batch(plan, "Tokyo/poolb.tokyo.contoso.com/wave-01").moves())
                .allSatisfy(m -> assertThat(m.to()).isEqualTo(Fqdn.of("new.tokyo.contoso.com")));
    }

    @Test
    void every_object_kind_on_the_pool_is_moved_in_kind_order_sorted_by_identity() {
        Topologies.Builder b = redmond(12);
        HomedKind[] kinds =
                Arrays.stream(HomedKind.values()).filter(HomedKind::isObject).toArray(HomedKind[]::new);
        for (HomedKind kind : kinds) {
            b.object(kind, "z-" + kind, POOL01).object(kind, "a-" + kind, POOL01);
        }
        b.object(HomedKind.MeetingRoom, "elsewhere", POOL19);

        Plan plan = Planner.plan(b.build(), CATALOG, options(), "objects");

        List<Step.MoveBatch> objectBatches = plan.steps().stream()
                .filter(s -> s.phase() == Phase.Objects)
                .map(Step.MoveBatch.class::cast)
                .toList();
        assertThat(objectBatches)
                .extracting(Step::id)
                .containsExactlyElementsOf(Arrays.stream(kinds)
                        .map(k -> "Redmond/pool01.contoso.com/objects-" + k)
                        .toList());
        Step.MoveBatch phones = batch(plan, "Redmond/pool01.contoso.com/objects-CommonAreaPhone");
        assertThat(phones.title()).isEqualTo("CommonAreaPhone objects (4)");
        assertThat(phones.moves())
                .extracting(m -> m.subject().id())
                .containsExactly(
                        "a-CommonAreaPhone", "sip:kitchen@contoso.com", "sip:lobby@contoso.com", "z-CommonAreaPhone");
        for (HomedKind kind : kinds) {
            assertThat(batch(plan, "Redmond/pool01.contoso.com/objects-" + kind).moves())
                    .contains(
                            new Move(new Subject(kind, "a-" + kind), Fqdn.of(POOL01), Fqdn.of(POOL19)),
                            new Move(new Subject(kind, "z-" + kind), Fqdn.of(POOL01), Fqdn.of(POOL19)));
        }
        assertThat(PlanReading.moves(plan)).noneMatch(m -> m.subject().id().equals("elsewhere"));
    }

    @Test
    void the_cms_moves_to_the_new_pool_before_its_legacy_pool_is_decommissioned() {
        Plan plan = Planner.plan(redmond(12).build(), CATALOG, options(), "cms");

        assertThat(batch(plan, "Redmond/pool01.contoso.com/cms").moves())
                .containsExactly(new Move(Subject.cms(), Fqdn.of(POOL01), Fqdn.of(POOL19)));
        assertThat(plan.indexOf("Redmond/pool01.contoso.com/cms"))
                .isLessThan(plan.indexOf("Redmond/pool01.contoso.com/drain"))
                .isLessThan(plan.indexOf("Redmond/pool01.contoso.com/decommission"))
                .isGreaterThan(plan.indexOf("Redmond/pool01.contoso.com/wave-02"));
    }

    @Test
    void the_cms_leaves_a_pool_even_when_the_pool_is_kept() {
        Inventory inv = redmond(12)
                .user("sip:chat@contoso.com", POOL01, io.cutover.catalog.Feature.PersistentChat)
                .build();

        Plan plan = Planner.plan(inv, CATALOG, options(), "cms");

        assertThat(plan.kept()).extracting(k -> k.pool().text()).contains(POOL01);
        assertThat(batch(plan, "Redmond/pool01.contoso.com/cms").moves())
                .containsExactly(new Move(Subject.cms(), Fqdn.of(POOL01), Fqdn.of(POOL19)));
    }

    @Test
    void the_legacy_edge_is_decommissioned_before_the_legacy_front_end_it_points_at() {
        Plan plan = Planner.plan(redmond(12).build(), CATALOG, options(), "edge");

        assertThat(plan.indexOf("Redmond/edge01.contoso.com/decommission"))
                .isLessThan(plan.indexOf("Redmond/pool01.contoso.com/drain"));
        assertThat(plan.indexOf("Redmond/edge")).isGreaterThan(plan.indexOf("Redmond/pool01.contoso.com/pilot"));
    }

    @Test
    void coexistence_of_an_empty_target_is_proved_by_the_pilot_in_both_directions() {
        Plan plan = Planner.plan(redmond(12).build(), CATALOG, options(), "coexistence");

        assertThat(gate(plan, "Redmond/pool01.contoso.com/coexistence").checks())
                .containsExactly(
                        new Check.ServicesRunning(List.of(Fqdn.of(POOL01), Fqdn.of(POOL19))),
                        new Check.ReplicasUpToDate(),
                        new Check.Matrix(List.of(Fqdn.of(POOL01), Fqdn.of(POOL19))));
        assertThat(gate(plan, "Redmond/pool01.contoso.com/pilot-validation").checks())
                .contains(new Check.Matrix(List.of(Fqdn.of(POOL01), Fqdn.of(POOL19))));
        Check.Communication talk =
                check(plan, "Redmond/pool01.contoso.com/pilot-validation", Check.Communication.class);
        // The pilot is test1, test2, user0001 (test users first), so user0002 is the first left behind.
        assertThat(talk.pairs())
                .containsExactly(
                        new Check.Pair(
                                SipAddress.of("sip:test1@contoso.com"), SipAddress.of("sip:user0002@contoso.com")),
                        new Check.Pair(
                                SipAddress.of("sip:user0002@contoso.com"), SipAddress.of("sip:test1@contoso.com")));
        assertThat(talk.modalities()).isEqualTo(ProbeKind.PEER_MODALITIES);
    }

    @Test
    void coexistence_with_a_target_that_already_homes_users_is_proved_before_the_pilot() {
        Inventory inv = redmond(12)
                .users(POOL19, "new", 2)
                .testUser("sip:newtest@contoso.com", POOL19)
                .build();

        Plan plan = Planner.plan(inv, CATALOG, options(), "coexistence");

        Check.Communication talk = check(plan, "Redmond/pool01.contoso.com/coexistence", Check.Communication.class);
        assertThat(talk.pairs())
                .containsExactly(
                        new Check.Pair(
                                SipAddress.of("sip:test1@contoso.com"), SipAddress.of("sip:newtest@contoso.com")),
                        new Check.Pair(
                                SipAddress.of("sip:newtest@contoso.com"), SipAddress.of("sip:test1@contoso.com")));
        assertThat(gate(plan, "Redmond/pool01.contoso.com/pilot-validation").checks())
                .noneMatch(Check.Communication.class::isInstance);
        assertThat(PlanReading.movedUsers(plan)).doesNotContain("sip:new0001@contoso.com", "sip:newtest@contoso.com");
    }

    @Test
    void a_second_legacy_pool_proves_coexistence_with_the_first_pools_pilot_users() {
        Inventory inv = redmond(12)
                .frontEnd("pool02.contoso.com", "Redmond", LYNC_2013)
                .users("pool02.contoso.com", "second", 5)
                .build();

        Plan plan = Planner.plan(inv, CATALOG, options(), "coexistence");

        Check.Communication talk = check(plan, "Redmond/pool02.contoso.com/coexistence", Check.Communication.class);
        assertThat(talk.pairs())
                .containsExactly(
                        new Check.Pair(
                                SipAddress.of("sip:second0001@contoso.com"), SipAddress.of("sip:test1@contoso.com")),
                        new Check.Pair(
                                SipAddress.of("sip:test1@contoso.com"), SipAddress.of("sip:second0001@contoso.com")));
    }

    @Test
    void pilot_validation_expects_the_policies_of_the_target_site() {
        Inventory inv = redmond(5)
                .policies(
                        Map.of(PolicyKind.Conferencing, "Standard"),
                        Map.of("Redmond", Map.of(PolicyKind.Voice, "RedmondVoice")))
                .user(new User(
                        SipAddress.of("sip:boss@contoso.com"),
                        "Boss",
                        Fqdn.of(POOL01),
                        Map.of(PolicyKind.Conferencing, "Executive"),
                        java.util.Set.of(),
                        true))
                .build();

        Plan plan = Planner.plan(inv, CATALOG, options(), "policies");

        Check.PolicyParity parity =
                check(plan, "Redmond/pool01.contoso.com/pilot-validation", Check.PolicyParity.class);
        Check.ExpectedPolicies boss = parity.users().get(0);
        assertThat(boss.sipAddress()).isEqualTo(SipAddress.of("sip:boss@contoso.com"));
        assertThat(boss.site()).isEqualTo("Redmond");
        assertThat(boss.perUser()).isEqualTo(Map.of(PolicyKind.Conferencing, "Executive"));
        assertThat(boss.effective())
                .containsEntry(PolicyKind.Conferencing, "Executive")
                .containsEntry(PolicyKind.Voice, "Site:Redmond/RedmondVoice")
                .containsEntry(PolicyKind.Client, "Global/Global");
        assertThat(check(plan, "Redmond/pool01.contoso.com/pilot-validation", Check.Registration.class)
                        .users())
                .extracting(SipAddress::text)
                .containsExactly("sip:boss@contoso.com", "sip:test1@contoso.com", "sip:test2@contoso.com");
    }

    @Test
    void the_edge_and_federation_gates_reach_a_legacy_user_and_a_pilot_user() {
        Plan plan = Planner.plan(redmond(12).partner("adatum.com").build(), CATALOG, options(), "edge");

        // user0001 went with the pilot (test1, test2, user0001); user0002 is the first still on pool01.
        List<SipAddress> probed =
                List.of(SipAddress.of("sip:user0002@contoso.com"), SipAddress.of("sip:test1@contoso.com"));
        assertThat(gate(plan, "Redmond/edge").checks())
                .containsExactly(
                        new Check.ServicesRunning(List.of(Fqdn.of(EDGE19))),
                        new Check.ExternalAccess(Fqdn.of(EDGE19), probed));
        assertThat(gate(plan, "Redmond/federation").checks())
                .containsExactly(new Check.FederatedAccess("Redmond", "adatum.com", probed));
    }

    @Test
    void the_new_edge_is_started_and_verified_up_before_the_gate_that_probes_through_it() {
        Plan plan = Planner.plan(redmond(12).build(), CATALOG, options(), "edge");

        assertThat(step(plan, "Redmond/edge-deploy-target"))
                .isEqualTo(new Step.DeployTarget(
                        "Redmond/edge-deploy-target", "Redmond", null, Phase.Edge, Fqdn.of(EDGE19)));
        assertThat(plan.indexOf("Redmond/edge-deploy-target")).isEqualTo(plan.indexOf("Redmond/edge") - 1);
    }

    @Test
    void without_federated_partners_the_route_moves_but_no_federation_gate_is_planned() {
        Inventory inv = Topologies.builder()
                .site("Redmond", EDGE01, null)
                .frontEnd(POOL01, "Redmond", SFB_2015)
                .frontEnd(POOL19, "Redmond", SFB_2019)
                .edge(EDGE01, "Redmond", SFB_2015, POOL01)
                .edge(EDGE19, "Redmond", SFB_2019, POOL19)
                .users(POOL01, "user", 4)
                .build();

        Plan plan = Planner.plan(inv, CATALOG, options(), "no partners");

        assertThat(ids(plan)).contains("Redmond/federation-route").doesNotContain("Redmond/federation");
    }

    @Test
    void a_site_without_its_own_edge_moves_its_route_to_the_replacement_of_the_edge_it_federates_through() {
        Inventory inv = redmond(12)
                .site("Dublin", EDGE01, null)
                .frontEnd("pool01.dublin.contoso.com", "Dublin", LYNC_2013)
                .frontEnd("pool19.dublin.contoso.com", "Dublin", SFB_2019)
                .users("pool01.dublin.contoso.com", "dub", 3)
                .build();

        Plan plan = Planner.plan(inv, CATALOG, options(), "two sites");

        assertThat(step(plan, "Dublin/federation-route"))
                .isEqualTo(new Step.RouteFederation(
                        "Dublin/federation-route", "Dublin", null, Phase.Federation, Fqdn.of(EDGE01), Fqdn.of(EDGE19)));
        assertThat(ids(plan)).doesNotContain("Dublin/edge");
    }

    @Test
    void legacy_pools_of_other_roles_are_kept_with_a_reason_and_never_decommissioned() {
        Inventory inv = redmond(12)
                .pool("dir01.contoso.com", "Redmond", PoolRole.Director, SFB_2015, null)
                .pool("chat01.contoso.com", "Redmond", PoolRole.PersistentChat, SFB_2015, null)
                .pool("dir19.contoso.com", "Redmond", PoolRole.Director, SFB_2019, null)
                .build();

        Plan plan = Planner.plan(inv, CATALOG, options(), "roles");

        assertThat(plan.kept())
                .containsExactly(
                        new KeptPool(
                                Fqdn.of("chat01.contoso.com"),
                                "Redmond",
                                "Persistent Chat pool: not migrated by this plan; migrate its rooms by hand, or keep it while its users need it"),
                        new KeptPool(
                                Fqdn.of("dir01.contoso.com"),
                                "Redmond",
                                "Director: homes no users and is not migrated by this plan; its next hop is re-pointed (a manual step); deploy a new-version Director, then remove this one by hand"));
        assertThat(plan.steps()).noneMatch(s -> s.id().contains("dir") || s.id().contains("chat"));
    }
}
