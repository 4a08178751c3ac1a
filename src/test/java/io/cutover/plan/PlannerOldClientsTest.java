package io.cutover.plan;

import static io.cutover.plan.PlanReading.ids;
import static io.cutover.plan.PlanReading.movedUsers;
import static io.cutover.plan.Topologies.CATALOG;
import static io.cutover.plan.Topologies.POOL01;
import static io.cutover.plan.Topologies.options;
import static io.cutover.plan.Topologies.redmond;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.check.Check;
import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.SipAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Users whose last client cannot sign in to the target: held back, or moved with a failing gate. */
class PlannerOldClientsTest {
    private static final String LYNC_2010 = "Lync 2010 (4.0.7577.4484)";
    private static final String SFB_2016 = "Skype for Business 2016 (16.0.4849.1000)";
    private static final Instant T0 = Instant.parse("2024-03-01T09:00:00Z");

    /** Redmond with 30 users: user0005 and user0020 last signed in with Lync 2010, everyone else with 2016. */
    private static Inventory withOldClients() {
        Inventory inv = redmond(30).build();
        List<ClientSignIn> clients = new ArrayList<>();
        inv.users().forEach(u -> clients.add(new ClientSignIn(u.sipAddress(), SFB_2016, T0)));
        clients.removeIf(c -> c.sipAddress().equals(sip(5)) || c.sipAddress().equals(sip(20)));
        clients.add(new ClientSignIn(sip(5), LYNC_2010, T0));
        clients.add(new ClientSignIn(sip(20), LYNC_2010, T0));
        return withClients(inv, clients);
    }

    private static Inventory withClients(Inventory inv, List<ClientSignIn> clients) {
        return new Inventory(
                inv.sites(),
                inv.pools(),
                inv.cmsPool(),
                inv.users(),
                inv.objects(),
                inv.meetings(),
                clients,
                inv.services(),
                inv.replicas(),
                inv.policies(),
                inv.partners(),
                inv.serverVersions());
    }

    private static SipAddress sip(int n) {
        return SipAddress.of(String.format("sip:user%04d@contoso.com", n));
    }

    @Test
    void by_default_users_on_a_client_the_target_refuses_are_held_back_with_the_client_and_what_they_need() {
        Plan plan = Planner.plan(withOldClients(), CATALOG, options(), "clients");

        assertThat(plan.options().oldClients()).isEqualTo(OldClients.HOLD);
        assertThat(plan.retained()).extracting(Retained::sipAddress).containsExactly(sip(5), sip(20));
        assertThat(plan.retained()).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo("CLIENT_NOT_SUPPORTED");
            assertThat(r.features()).isEmpty();
            assertThat(r.pool()).isEqualTo(Fqdn.of(POOL01));
            assertThat(r.reason())
                    .isEqualTo("CLIENT_NOT_SUPPORTED: last client Lync 2010 (4.0.7577.4484) cannot sign in to"
                            + " Skype for Business Server 2019; needs Lync 2013 (15.0) or later");
        });
        assertThat(movedUsers(plan))
                .doesNotContain(sip(5).text(), sip(20).text())
                .contains(sip(6).text(), sip(21).text());
    }

    @Test
    void a_pool_keeping_held_back_users_is_kept_and_never_drained() {
        Plan plan = Planner.plan(withOldClients(), CATALOG, options(), "clients");

        assertThat(plan.kept())
                .extracting(KeptPool::pool, KeptPool::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        Fqdn.of(POOL01),
                        "keeps 2 retained users (2 with a client that cannot sign in to Skype for Business Server 2019);"
                                + " stays in coexistence until they can move"));
        assertThat(ids(plan))
                .doesNotContain("Redmond/pool01.contoso.com/drain", "Redmond/pool01.contoso.com/decommission")
                .contains("Redmond/pool01.contoso.com/cms");
    }

    @Test
    void a_client_the_catalog_does_not_know_or_no_recorded_client_holds_nobody_back() {
        Inventory inv = redmond(12).build();
        List<ClientSignIn> clients =
                List.of(new ClientSignIn(sip(3), "Pidgin 2.14 (SIPE)", T0), new ClientSignIn(sip(4), "", T0));

        Plan plan = Planner.plan(withClients(inv, clients), CATALOG, options(), "clients");

        assertThat(plan.retained()).isEmpty();
        assertThat(movedUsers(plan)).contains(sip(3).text(), sip(4).text(), sip(5).text());
    }

    @Test
    void the_latest_sign_in_decides_a_users_client() {
        Inventory inv = redmond(12).build();
        List<ClientSignIn> clients = List.of(
                new ClientSignIn(sip(3), LYNC_2010, T0),
                new ClientSignIn(sip(3), SFB_2016, T0.plusSeconds(60)),
                new ClientSignIn(sip(4), SFB_2016, T0),
                new ClientSignIn(sip(4), LYNC_2010, T0.plusSeconds(60)));

        Plan plan = Planner.plan(withClients(inv, clients), CATALOG, options(), "clients");

        assertThat(plan.retained()).extracting(Retained::sipAddress).containsExactly(sip(4));
    }

    @Test
    void in_fail_mode_they_move_with_their_wave_and_that_waves_gate_checks_exactly_their_clients() {
        Plan plan = Planner.plan(withOldClients(), CATALOG, options().withOldClients(OldClients.FAIL), "clients");

        assertThat(plan.retained()).isEmpty();
        assertThat(movedUsers(plan)).contains(sip(5).text(), sip(20).text());
        List<Step.Gate> gates = plan.steps().stream()
                .filter(s -> s instanceof Step.Gate g
                        && g.checks().stream().anyMatch(c -> c instanceof Check.ClientsSupported))
                .map(s -> (Step.Gate) s)
                .toList();
        // Waves of 5 then 10 after a pilot of 3 (the two test users and user0001): user0005 in wave 1, user0020 in wave
        // 2.
        assertThat(gates)
                .extracting(Step::id)
                .containsExactly(
                        "Redmond/pool01.contoso.com/wave-01-validation",
                        "Redmond/pool01.contoso.com/wave-03-validation");
        assertThat(gates)
                .flatExtracting(g -> g.checks().stream()
                        .filter(c -> c instanceof Check.ClientsSupported)
                        .flatMap(c -> ((Check.ClientsSupported) c).users().stream())
                        .toList())
                .containsExactly(new Check.ClientOf(sip(5), LYNC_2010), new Check.ClientOf(sip(20), LYNC_2010));
        assertThat(ids(plan)).contains("Redmond/pool01.contoso.com/drain");
    }

    @Test
    void the_mode_is_remembered_in_the_plan_and_the_default_leaves_the_plan_json_as_it_was() {
        Plan hold = Planner.plan(withOldClients(), CATALOG, options(), "clients");
        Plan fail = Planner.plan(withOldClients(), CATALOG, options().withOldClients(OldClients.FAIL), "clients");

        assertThat(PlanCodec.toJson(hold)).doesNotContain("oldClients");
        assertThat(PlanCodec.toJson(fail)).contains("\"oldClients\" : \"fail\"");
        assertThat(PlanCodec.fromJson(PlanCodec.toJson(fail), "plan.json")
                        .options()
                        .oldClients())
                .isEqualTo(OldClients.FAIL);
        assertThat(PlanCodec.fromJson(PlanCodec.toJson(hold), "plan.json")).isEqualTo(hold);
    }

    @Test
    void the_explanation_lists_held_back_users_under_their_code_with_each_reason() {
        Plan plan = Planner.plan(withOldClients(), CATALOG, options(), "clients");

        assertThat(PlanExplainer.explain(plan))
                .contains("    CLIENT_NOT_SUPPORTED (2)\n")
                .contains(
                        "      sip:user0005@contoso.com: CLIENT_NOT_SUPPORTED: last client Lync 2010 (4.0.7577.4484)");
    }
}
