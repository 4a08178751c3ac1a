package io.cutover.plan;

import static io.cutover.plan.PlanReading.batch;
import static io.cutover.plan.PlanReading.check;
import static io.cutover.plan.PlanReading.ids;
import static io.cutover.plan.PlanReading.movedUsers;
import static io.cutover.plan.PlanReading.sips;
import static io.cutover.plan.Topologies.CATALOG;
import static io.cutover.plan.Topologies.LYNC_2013;
import static io.cutover.plan.Topologies.SFB_2015;
import static io.cutover.plan.Topologies.SFB_2019;
import static io.cutover.plan.Topologies.redmond;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Feature;
import io.cutover.check.Check;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlannerWavesTest {

    @Test
    void waves_follow_the_sizes_and_the_last_size_repeats() {
        Plan plan = Planner.plan(
                redmond(100).build(), CATALOG, new PlanOptions(SFB_2019, 3, List.of(), List.of(5, 10, 20), 2), "waves");

        List<Step.MoveBatch> waves = plan.steps().stream()
                .filter(s -> s.phase() == Phase.Production)
                .filter(Step.MoveBatch.class::isInstance)
                .map(Step.MoveBatch.class::cast)
                .toList();
        // 100 users, 3 in the pilot: 97 = 5 + 10 + 20 + 20 + 20 + 20 + 2.
        assertThat(waves).extracting(w -> w.moves().size()).containsExactly(5, 10, 20, 20, 20, 20, 2);
        assertThat(waves)
                .extracting(Step::id)
                .startsWith("Redmond/pool01.contoso.com/wave-01")
                .endsWith("Redmond/pool01.contoso.com/wave-07");
        assertThat(waves).extracting(Step.MoveBatch::title).startsWith("wave 1 (5)", "wave 2 (10)");
    }

    @Test
    void wave_numbers_grow_past_two_digits_without_clashing() {
        Plan plan = Planner.plan(
                redmond(120).build(), CATALOG, new PlanOptions(SFB_2019, 0, List.of(), List.of(1), 0), "waves");

        assertThat(ids(plan))
                .contains(
                        "Redmond/pool01.contoso.com/wave-09",
                        "Redmond/pool01.contoso.com/wave-99",
                        "Redmond/pool01.contoso.com/wave-120")
                .doesNotHaveDuplicates();
    }

    @Test
    void production_waves_move_users_in_sip_order_after_the_pilot() {
        Plan plan = Planner.plan(redmond(12).build(), CATALOG, Topologies.options(), "waves");

        List<String> inOrder = new ArrayList<>(sips(batch(plan, "Redmond/pool01.contoso.com/wave-01")));
        inOrder.addAll(sips(batch(plan, "Redmond/pool01.contoso.com/wave-02")));
        assertThat(inOrder)
                .containsExactly(
                        "sip:user0002@contoso.com",
                        "sip:user0003@contoso.com",
                        "sip:user0004@contoso.com",
                        "sip:user0005@contoso.com",
                        "sip:user0006@contoso.com",
                        "sip:user0007@contoso.com",
                        "sip:user0008@contoso.com",
                        "sip:user0009@contoso.com",
                        "sip:user0010@contoso.com");
    }

    @Test
    void each_wave_is_validated_on_its_first_users() {
        Plan plan = Planner.plan(redmond(12).build(), CATALOG, Topologies.options(), "waves");

        String gate = "Redmond/pool01.contoso.com/wave-02-validation";
        assertThat(PlanReading.gate(plan, gate).phase()).isEqualTo(Phase.Production);
        assertThat(check(plan, gate, Check.Registration.class).users())
                .extracting(SipAddress::text)
                .containsExactly("sip:user0007@contoso.com", "sip:user0008@contoso.com");
        assertThat(check(plan, gate, Check.PolicyParity.class).users())
                .extracting(e -> e.sipAddress().text())
                .containsExactly("sip:user0007@contoso.com", "sip:user0008@contoso.com");
        assertThat(plan.indexOf(gate)).isEqualTo(plan.indexOf("Redmond/pool01.contoso.com/wave-02") + 1);
    }

    @Test
    void a_validation_sample_of_zero_plans_no_wave_gates() {
        Plan plan = Planner.plan(
                redmond(12).build(), CATALOG, new PlanOptions(SFB_2019, 3, List.of(), List.of(5), 0), "waves");

        assertThat(ids(plan)).noneMatch(id -> id.endsWith("-validation") && id.contains("wave"));
    }

    /**
     * Random deployments (seeded, so a failure replays): whatever the shape, every user on a legacy
     * Front End pool is moved exactly once, to the target pool of its own site, unless retained;
     * no retained user and no user already on the target version moves; every object moves once.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233})
    void every_user_who_can_move_moves_exactly_once_and_no_retained_user_moves(long seed) {
        Random random = new Random(seed);
        Topologies.Builder b = Topologies.builder();
        int sites = 1 + random.nextInt(3);
        List<Pool> legacy = new ArrayList<>();
        Map<String, String> targetOfSite = new HashMap<>();
        int n = 0;
        for (int s = 0; s < sites; s++) {
            String site = "Site" + (char) ('A' + s);
            b.site(site);
            String target = "new" + s + ".contoso.com";
            b.frontEnd(target, site, SFB_2019);
            targetOfSite.put(site, target);
            int pools = 1 + random.nextInt(3);
            for (int p = 0; p < pools; p++) {
                String fqdn = "old" + s + p + ".contoso.com";
                b.frontEnd(fqdn, site, random.nextBoolean() ? LYNC_2013 : SFB_2015);
                legacy.add(new Pool(Fqdn.of(fqdn), site, PoolRole.FrontEnd, null, List.of(), null));
                int users = random.nextInt(60);
                for (int u = 0; u < users; u++) {
                    Set<Feature> features = EnumSet.of(Feature.Im);
                    if (random.nextInt(10) == 0) {
                        features.add(random.nextBoolean() ? Feature.PersistentChat : Feature.Xmpp);
                    }
                    b.user("sip:u" + (n++) + "@contoso.com", fqdn, random.nextInt(8) == 0, features);
                }
                for (int o = random.nextInt(4); o > 0; o--) {
                    b.object(HomedKind.values()[1 + random.nextInt(11)], "obj" + (n++), fqdn);
                }
            }
            b.users(target, "already" + s + "-", random.nextInt(3));
        }
        List<Integer> sizes = new ArrayList<>();
        for (int i = random.nextInt(3); i >= 0; i--) {
            sizes.add(1 + random.nextInt(25));
        }
        Inventory inv = b.build();
        PlanOptions options = new PlanOptions(SFB_2019, random.nextInt(6), List.of(), sizes, random.nextInt(4));

        Plan plan = Planner.plan(inv, CATALOG, options, "seed " + seed);

        Set<Fqdn> legacyPools = legacy.stream().map(Pool::fqdn).collect(Collectors.toSet());
        Set<SipAddress> retained =
                plan.retained().stream().map(r -> r.sipAddress()).collect(Collectors.toSet());
        List<SipAddress> expected = inv.users().stream()
                .filter(u -> legacyPools.contains(u.pool()))
                .map(User::sipAddress)
                .filter(sip -> !retained.contains(sip))
                .sorted()
                .toList();
        assertThat(movedUsers(plan))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        expected.stream().map(SipAddress::text).toList());
        assertThat(retained)
                .allSatisfy(sip -> assertThat(inv.findUser(sip).orElseThrow().features())
                        .containsAnyOf(Feature.PersistentChat, Feature.Xmpp));
        Map<SipAddress, User> bySip = inv.usersBySip();
        for (Move m : PlanReading.moves(plan)) {
            String site = m.from().text().substring(3, 4);
            assertThat(m.to()).isEqualTo(Fqdn.of("new" + site + ".contoso.com"));
            if (m.subject().kind() == HomedKind.User) {
                assertThat(bySip.get(m.subject().sipAddress()).pool()).isEqualTo(m.from());
            }
        }
        long objects = inv.objects().size();
        assertThat(PlanReading.moves(plan).stream()
                        .filter(m -> m.subject().kind().isObject())
                        .count())
                .isEqualTo(objects);
        for (Pool p : legacy) {
            boolean hasRetained =
                    plan.retained().stream().anyMatch(r -> r.pool().is(p.fqdn().text()));
            assertThat(ids(plan).contains(p.site() + "/" + p.fqdn() + "/decommission"))
                    .isNotEqualTo(hasRetained);
        }
        assertThat(targetOfSite).hasSize(sites);
    }
}
