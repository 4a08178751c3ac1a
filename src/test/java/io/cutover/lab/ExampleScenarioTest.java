package io.cutover.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Feature;
import io.cutover.deployment.PoolState;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.User;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExampleScenarioTest {
    private static Inventory contoso;

    @BeforeAll
    static void expand() {
        contoso = Lab.example().inventory();
    }

    @Test
    void the_example_has_two_sites_with_legacy_and_2019_pools_side_by_side() {
        assertThat(contoso.sites())
                .extracting(s -> s.name() + "/" + s.siteId())
                .containsExactly("Redmond/1", "Dublin/2");
        assertThat(contoso.pools())
                .extracting(p -> p.fqdn() + " " + p.role() + " " + p.version())
                .containsExactlyInAnyOrder(
                        "lyncpool01.contoso.com FrontEnd Lync Server 2013",
                        "lyncedge01.contoso.com Edge Lync Server 2013",
                        "sfb19pool-red.contoso.com FrontEnd Skype for Business Server Subscription Edition",
                        "sfb19edge-red.contoso.com Edge Skype for Business Server Subscription Edition",
                        "sfb15pool-dub.contoso.com FrontEnd Skype for Business Server 2015",
                        "sfb15edge-dub.contoso.com Edge Skype for Business Server 2015",
                        "sfb19pool-dub.contoso.com FrontEnd Skype for Business Server Subscription Edition",
                        "sfb19edge-dub.contoso.com Edge Skype for Business Server Subscription Edition");
        assertThat(contoso.pool("lyncpool01.contoso.com").servers()).hasSize(3);
        assertThat(contoso.site("Redmond").federationRoute()).isEqualTo(Fqdn.of("lyncedge01.contoso.com"));
        assertThat(contoso.site("Dublin").federationRoute()).isEqualTo(Fqdn.of("sfb15edge-dub.contoso.com"));
        assertThat(contoso.cmsPool()).isEqualTo(Fqdn.of("lyncpool01.contoso.com"));
        assertThat(contoso.partners()).containsExactly("fabrikam.com");
    }

    @Test
    void the_example_expands_to_at_least_2000_users_and_none_on_the_2019_pools() {
        assertThat(contoso.users()).hasSizeGreaterThanOrEqualTo(2000);
        assertThat(contoso.usersOn(Fqdn.of("sfb19pool-red.contoso.com"))).isEmpty();
        assertThat(contoso.usersOn(Fqdn.of("sfb19pool-dub.contoso.com"))).isEmpty();
        assertThat(contoso.usersOn(Fqdn.of("lyncpool01.contoso.com")))
                .filteredOn(User::test)
                .hasSizeBetween(1, 5);
        assertThat(contoso.usersOn(Fqdn.of("sfb15pool-dub.contoso.com")))
                .filteredOn(User::test)
                .hasSizeBetween(1, 5);
    }

    @Test
    void only_lyncpool01_has_users_depending_on_persistent_chat_or_xmpp() {
        List<User> chat = contoso.users().stream()
                .filter(u -> u.features().contains(Feature.PersistentChat))
                .toList();
        List<User> xmpp = contoso.users().stream()
                .filter(u -> u.features().contains(Feature.Xmpp))
                .toList();
        assertThat(chat).hasSize(12).allMatch(u -> u.pool().is("lyncpool01.contoso.com"));
        assertThat(xmpp).hasSize(5).allMatch(u -> u.pool().is("lyncpool01.contoso.com"));
    }

    @Test
    void every_legacy_front_end_homes_every_kind_of_object_and_one_response_group_configuration() {
        Set<HomedKind> objectKinds =
                Arrays.stream(HomedKind.values()).filter(HomedKind::isObject).collect(Collectors.toSet());
        for (String pool : List.of("lyncpool01.contoso.com", "sfb15pool-dub.contoso.com")) {
            List<HomedObject> objects = contoso.objectsOn(Fqdn.of(pool));
            assertThat(objects).extracting(HomedObject::kind).containsAll(objectKinds);
            assertThat(objects)
                    .filteredOn(o -> o.kind() == HomedKind.RgsConfiguration)
                    .hasSize(1);
        }
        assertThat(contoso.objects()).extracting(o -> o.kind() + o.identity()).doesNotHaveDuplicates();
    }

    @Test
    void the_first_pilot_candidates_include_users_with_a_per_user_conferencing_policy() {
        for (String pool : List.of("lyncpool01.contoso.com", "sfb15pool-dub.contoso.com")) {
            List<User> pilot = contoso.usersOn(Fqdn.of(pool)).stream()
                    .sorted(Comparator.comparing((User u) -> !u.test()).thenComparing(User::sipAddress))
                    .limit(10)
                    .toList();
            assertThat(pilot)
                    .filteredOn(u -> u.policies().containsKey(PolicyKind.Conferencing))
                    .hasSizeGreaterThanOrEqualTo(3);
            assertThat(pilot).allMatch(u -> u.features().isEmpty(), "no retained user among the pilot");
        }
    }

    @Test
    void about_a_third_of_users_have_a_per_user_conferencing_policy_and_some_have_others() {
        long conferencing = contoso.users().stream()
                .filter(u -> u.policies().containsKey(PolicyKind.Conferencing))
                .count();
        assertThat((double) conferencing / contoso.users().size()).isBetween(0.25, 0.40);
        assertThat(contoso.users()).anyMatch(u -> u.policies().containsKey(PolicyKind.ExternalAccess));
        assertThat(contoso.policies().bySite()).containsKeys("Redmond", "Dublin");
        assertThat(contoso.policies().global()).containsKey(PolicyKind.Conferencing);
    }

    @Test
    void a_share_of_users_have_meetings_on_their_pool_and_everyone_has_a_client() {
        var users = contoso.usersBySip();
        assertThat(contoso.meetings())
                .hasSizeGreaterThan(1000)
                .allMatch(m -> users.get(m.organizer()).pool().equals(m.pool()));
        assertThat(contoso.clients()).hasSize(contoso.users().size());
        assertThat(contoso.clients())
                .extracting(c -> c.clientVersion().substring(0, 9))
                .contains("Lync 2013", "Skype for");
    }

    @Test
    void policies_resolve_per_user_then_site_then_global() {
        User withOwn = contoso.findUser("sip:redmond0001@contoso.com").orElseThrow();
        User without = contoso.findUser("sip:redmond0002@contoso.com").orElseThrow();
        assertThat(contoso.policies().effective(withOwn, "Redmond", PolicyKind.Conferencing))
                .isEqualTo("ConferencingLarge");
        assertThat(contoso.policies().effective(without, "Redmond", PolicyKind.Conferencing))
                .isEqualTo("Site:Redmond/RedmondConferencing");
        assertThat(contoso.policies().effective(without, "Redmond", PolicyKind.Client))
                .isEqualTo("Global/Default");
        // The same user homed in Dublin would get Dublin's site policy: why moving across sites matters.
        assertThat(contoso.policies().effective(without, "Dublin", PolicyKind.Conferencing))
                .isEqualTo("Site:Dublin/DublinConferencing");
    }

    @Test
    void expanding_the_same_scenario_twice_gives_equal_inventories() {
        String text = Lab.exampleText();
        Inventory a = Scenario.parse(text, "a.yaml").inventory();
        Inventory b = Scenario.parse(text, "b.yaml").inventory();
        assertThat(a).isEqualTo(b);
        assertThat(a.meetings()).isEqualTo(b.meetings());
    }

    @Test
    void a_new_lab_looks_exactly_like_its_scenario() {
        Lab lab = Lab.inMemory(Lab.example(), TestScenarios.CLOCK);
        assertThat(lab.snapshot()).isEqualTo(contoso);
        assertThat(lab.poolState(Fqdn.of("sfb19pool-red.contoso.com"))).isEqualTo(PoolState.NotDeployed);
        assertThat(lab.summary().pools())
                .filteredOn(p -> p.fqdn().is("lyncpool01.contoso.com"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.users()).isEqualTo(1200);
                    assertThat(p.objects())
                            .isEqualTo(contoso.objectsOn(Fqdn.of("lyncpool01.contoso.com"))
                                    .size());
                });
    }

    @Test
    void the_bundled_pilot_fault_profile_drops_conferencing_policies_in_redmond() throws Exception {
        String text;
        try (var in = Lab.class.getResourceAsStream("/examples/contoso/faults-pilot.yaml")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        FaultProfile profile = FaultProfile.parse(text, "faults-pilot.yaml");
        assertThat(profile.faults())
                .containsExactly(new Fault.DropPolicyOnMove("sfb19pool-red.contoso.com", PolicyKind.Conferencing));
    }

    @Test
    void a_synthetic_scenario_expands_through_the_same_rules() {
        Inventory big = Scenarios.synthetic(5, 10_000).inventory();
        assertThat(big.users()).hasSize(10_000);
        assertThat(big.pools()).hasSize(20);
        assertThat(big.pools().stream().filter(p -> p.role() == PoolRole.Edge)).hasSize(10);
        assertThat(Stream.of("legacy01.contoso.com", "sfb19pool05.contoso.com"))
                .allMatch(f -> big.findPool(f).map(Pool::fqdn).isPresent());
    }
}
