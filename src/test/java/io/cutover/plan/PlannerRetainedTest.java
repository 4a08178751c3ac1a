package io.cutover.plan;

import static io.cutover.plan.PlanReading.ids;
import static io.cutover.plan.PlanReading.movedUsers;
import static io.cutover.plan.Topologies.CATALOG;
import static io.cutover.plan.Topologies.EDGE01;
import static io.cutover.plan.Topologies.EDGE19;
import static io.cutover.plan.Topologies.POOL01;
import static io.cutover.plan.Topologies.POOL19;
import static io.cutover.plan.Topologies.SFB_2015;
import static io.cutover.plan.Topologies.SFB_2019;
import static io.cutover.plan.Topologies.options;
import static io.cutover.plan.Topologies.redmond;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Feature;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.SipAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerRetainedTest {
    private static final String POOL02 = "pool02.contoso.com";

    @Test
    void users_who_depend_on_removed_features_are_retained_with_the_reason() {
        Inventory inv = redmond(12)
                .user("sip:chat@contoso.com", POOL01, Feature.PersistentChat, Feature.Im)
                .user("sip:both@contoso.com", POOL01, Feature.Xmpp, Feature.PersistentChat)
                .build();

        Plan plan = Planner.plan(inv, CATALOG, options(), "retained");

        assertThat(plan.retained())
                .containsExactly(
                        new Retained(
                                SipAddress.of("sip:both@contoso.com"),
                                Fqdn.of(POOL01),
                                List.of(Feature.PersistentChat, Feature.Xmpp),
                                "depends on PersistentChat and Xmpp, removed in Skype for Business Server 2019"),
                        new Retained(
                                SipAddress.of("sip:chat@contoso.com"),
                                Fqdn.of(POOL01),
                                List.of(Feature.PersistentChat),
                                "depends on PersistentChat, removed in Skype for Business Server 2019"));
        assertThat(movedUsers(plan))
                .doesNotContain("sip:chat@contoso.com", "sip:both@contoso.com")
                .contains("sip:user0010@contoso.com");
    }

    @Test
    void a_pool_with_retained_users_is_kept_in_coexistence_and_never_drained() {
        Inventory inv = redmond(12)
                .user("sip:chat@contoso.com", POOL01, Feature.PersistentChat)
                .user("sip:mirror@contoso.com", POOL01, Feature.SqlMirroring)
                .build();

        Plan plan = Planner.plan(inv, CATALOG, options(), "retained");

        assertThat(plan.kept())
                .containsExactly(
                        new KeptPool(
                                Fqdn.of(POOL01),
                                "Redmond",
                                "keeps 2 retained users (PersistentChat, SqlMirroring); stays in coexistence until they can move"));
        assertThat(ids(plan))
                .doesNotContain("Redmond/pool01.contoso.com/drain", "Redmond/pool01.contoso.com/decommission")
                .contains("Redmond/pool01.contoso.com/wave-01", "Redmond/edge01.contoso.com/decommission");
        assertThat(plan.steps())
                .noneMatch(s -> s instanceof Step.Decommission d && d.target().is(POOL01));
    }

    @Test
    void retained_users_are_sorted_by_pool_then_sip_address() {
        Inventory inv = redmond(4)
                .frontEnd(POOL02, "Redmond", SFB_2015)
                .user("sip:b@contoso.com", POOL02, Feature.Mcx)
                .user("sip:Z@contoso.com", POOL01, Feature.Mcx)
                .user("sip:a@contoso.com", POOL02, Feature.Mcx)
                .user("sip:y@contoso.com", POOL01, Feature.Mcx)
                .build();

        Plan plan = Planner.plan(inv, CATALOG, options(), "retained");

        assertThat(plan.retained())
                .extracting(r -> r.sipAddress().text())
                .containsExactly("sip:y@contoso.com", "sip:Z@contoso.com", "sip:a@contoso.com", "sip:b@contoso.com");
        assertThat(plan.kept()).extracting(k -> k.pool().text()).containsExactly(POOL01, POOL02);
        assertThat(plan.kept().get(0).reason()).startsWith("keeps 2 retained users (Mcx)");
    }

    @Test
    void xmpp_users_keep_the_legacy_edge_their_site_federates_xmpp_through() {
        Inventory inv =
                redmond(12).user("sip:jabber@contoso.com", POOL01, Feature.Xmpp).build();
        Inventory routed = new Inventory(
                inv.sites().stream()
                        .map(s -> new io.cutover.inventory.Site(
                                s.name(), s.siteId(), s.kind(), s.federationRoute(), Fqdn.of(EDGE01)))
                        .toList(),
                inv.pools(),
                inv.cmsPool(),
                inv.users(),
                inv.objects(),
                inv.meetings(),
                inv.clients(),
                inv.services(),
                inv.replicas(),
                inv.policies(),
                inv.partners());

        Plan plan = Planner.plan(routed, CATALOG, options(), "xmpp");

        assertThat(plan.kept()).extracting(k -> k.pool().text()).containsExactly(EDGE01, POOL01);
        assertThat(plan.kept().get(0).reason()).contains("XMPP federation").contains("1 retained user");
        assertThat(ids(plan))
                .doesNotContain(
                        "Redmond/edge01.contoso.com/drain",
                        "Redmond/edge01.contoso.com/decommission",
                        "Redmond/pool01.contoso.com/decommission");
        // SIP federation still moves to the new Edge; only XMPP stays behind.
        assertThat(ids(plan)).contains("Redmond/federation-route", "Redmond/edge");
    }

    @Test
    void a_kept_edge_also_keeps_the_legacy_front_end_it_sends_traffic_to() {
        Inventory inv = Topologies.builder()
                .site("Redmond", EDGE01, EDGE01)
                .frontEnd(POOL01, "Redmond", SFB_2015)
                .frontEnd(POOL02, "Redmond", SFB_2015)
                .frontEnd(POOL19, "Redmond", SFB_2019)
                .edge(EDGE01, "Redmond", SFB_2015, POOL02)
                .edge(EDGE19, "Redmond", SFB_2019, POOL19)
                .users(POOL02, "two", 4)
                .user("sip:jabber@contoso.com", POOL01, Feature.Xmpp)
                .build();

        Plan plan = Planner.plan(inv, CATALOG, options(), "next hop");

        assertThat(plan.kept()).extracting(k -> k.pool().text()).containsExactly(EDGE01, POOL01, POOL02);
        assertThat(plan.kept().get(2).reason()).contains("next hop of " + EDGE01);
        assertThat(ids(plan))
                .doesNotContain("Redmond/pool02.contoso.com/decommission")
                .contains("Redmond/pool02.contoso.com/wave-01");
    }

    @Test
    void xmpp_users_do_not_keep_an_edge_their_site_does_not_route_xmpp_through() {
        Inventory inv =
                redmond(12).user("sip:jabber@contoso.com", POOL01, Feature.Xmpp).build();

        Plan plan = Planner.plan(inv, CATALOG, options(), "xmpp");

        assertThat(plan.kept()).extracting(k -> k.pool().text()).containsExactly(POOL01);
        assertThat(ids(plan)).contains("Redmond/edge01.contoso.com/decommission");
    }

    @Test
    void a_target_that_offers_every_feature_retains_nobody() {
        Inventory inv = Topologies.builder()
                .site("Redmond")
                .frontEnd(POOL01, "Redmond", "Lync Server 2013")
                .frontEnd("pool15.contoso.com", "Redmond", SFB_2015)
                .user("sip:chat@contoso.com", POOL01, false, Set.of(Feature.PersistentChat, Feature.Xmpp))
                .build();

        Plan plan = Planner.plan(inv, CATALOG, new PlanOptions(SFB_2015, 1, List.of(), List.of(10), 1), "2015");

        assertThat(plan.retained()).isEmpty();
        assertThat(movedUsers(plan)).containsExactly("sip:chat@contoso.com");
        assertThat(plan.steps()).noneMatch(s -> s.id().contains(SFB_2019));
    }

    @Test
    void retained_users_and_kept_pools_are_written_to_the_plan_as_spelled_and_read_back_with_the_same_checksum()
            throws Exception {
        Inventory inv = redmond(12)
                .user("sip:Chat.User@Contoso.com", POOL01, Feature.PersistentChat)
                .build();
        Plan plan = Planner.plan(inv, CATALOG, options(), "retained");

        String json = PlanCodec.toJson(plan);
        com.fasterxml.jackson.databind.JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);

        assertThat(tree.path("retained").get(0).path("sipAddress").asText()).isEqualTo("sip:Chat.User@Contoso.com");
        assertThat(tree.path("retained").get(0).path("pool").asText()).isEqualTo(POOL01);
        assertThat(tree.path("kept").get(0).path("pool").asText()).isEqualTo(POOL01);
        Plan back = PlanCodec.fromJson(json, "plan.json");
        assertThat(back.retained()).isEqualTo(plan.retained());
        assertThat(back.retained().get(0).sipAddress().text()).isEqualTo("sip:Chat.User@Contoso.com");
        assertThat(PlanCodec.toJson(back)).isEqualTo(json);
    }
}
