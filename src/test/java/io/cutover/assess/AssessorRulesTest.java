package io.cutover.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cutover.catalog.Catalog;
import io.cutover.catalog.Feature;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Policies;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.SiteKind;
import io.cutover.inventory.UnansweredServer;
import io.cutover.inventory.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The finding codes the fixture folders do not reach, on small inventories built here. */
public class AssessorRulesTest {
    private static final Catalog CATALOG = Catalog.bundled();
    private static final String L13 = "Lync Server 2013";
    private static final String S15 = "Skype for Business Server 2015";
    private static final String S19 = "Skype for Business Server 2019";

    private static Pool fe(String fqdn, String site, String version) {
        return new Pool(
                Fqdn.of(fqdn), site, PoolRole.FrontEnd, version, List.of(Fqdn.of(fqdn.replace("pool", "srv"))), null);
    }

    private static User user(String sip, String pool) {
        return new User(SipAddress.of(sip), null, Fqdn.of(pool), Map.of(), Set.of(), false);
    }

    private static Inventory inventory(
            List<Site> sites, List<Pool> pools, List<User> users, List<HomedObject> objects, Policies policies) {
        return new Inventory(
                sites, pools, null, users, objects, List.of(), List.of(), List.of(), List.of(), policies, List.of());
    }

    private static Assessment assess(Inventory inv, String target, List<UnansweredServer> unanswered) {
        return withoutLifecycle(Assessor.assess(inv, CATALOG, CATALOG.version(target), unanswered));
    }

    /**
     * The assessment without the findings every old version earns (support ended, 2019 or SE
     * unidentified without versions.csv): SubscriptionEditionAssessTest covers those; here they would
     * only hide the rule under test.
     */
    public static Assessment withoutLifecycle(Assessment a) {
        java.util.Set<Assessment.FindingCode> lifecycle = java.util.EnumSet.of(
                Assessment.FindingCode.UNSUPPORTED_VERSION, Assessment.FindingCode.VERSION_UNIDENTIFIED);
        return new Assessment(
                a.target(),
                a.ready(),
                a.summary(),
                a.pools(),
                a.retained(),
                a.findings().stream().filter(f -> !lifecycle.contains(f.code())).toList());
    }

    private static final List<Site> ONE_SITE = List.of(new Site("A", 1, SiteKind.CentralSite, null, null));

    @Test
    void users_and_objects_homed_on_a_pool_the_topology_lacks_are_one_error_per_pool_not_a_failure() {
        Inventory inv = inventory(
                ONE_SITE,
                List.of(fe("pool13.x.com", "A", L13), fe("pool19.x.com", "A", S19)),
                List.of(
                        user("sip:a@x.com", "pool13.x.com"),
                        user("sip:b@x.com", "ghost.x.com"),
                        user("sip:c@x.com", "GHOST.x.com")),
                List.of(new HomedObject(HomedKind.CommonAreaPhone, "cap1", null, Fqdn.of("ghost.x.com"))),
                Policies.none());
        Assessment a = assess(inv, S19, List.of());
        assertThat(a.ready()).isFalse();
        assertThat(a.findings())
                .extracting(f -> f.code().json(), Assessment.Finding::subject)
                .containsExactly(tuple("UNKNOWN_POOL_REFERENCE", "ghost.x.com"));
        assertThat(a.findings().get(0).message())
                .startsWith("3 references to pool ghost.x.com, which the topology lacks");
        assertThat(a.summary().users()).isEqualTo(3);
        assertThat(a.pools()).extracting(Assessment.PoolReport::users).containsExactly(1, 0);
    }

    @Test
    void a_sip_address_listed_twice_in_any_case_is_an_error_and_counted_once() {
        Inventory inv = inventory(
                ONE_SITE,
                List.of(fe("pool13.x.com", "A", L13), fe("pool19.x.com", "A", S19)),
                List.of(
                        user("sip:Ann@x.com", "pool13.x.com"),
                        user("sip:ann@X.com", "pool13.x.com"),
                        user("sip:bo@x.com", "pool13.x.com")),
                List.of(),
                Policies.none());
        Assessment a = assess(inv, S19, List.of());
        assertThat(a.findings())
                .extracting(f -> f.code().json(), Assessment.Finding::subject)
                .containsExactly(tuple("DUPLICATE_SIP_ADDRESS", "sip:Ann@x.com"));
        assertThat(a.findings().get(0).message()).contains("listed 2 times (sip:Ann@x.com, sip:ann@X.com)");
        assertThat(a.summary().users()).isEqualTo(2);
        assertThat(a.pools().get(0).users()).isEqualTo(2);
    }

    @Test
    void more_movable_users_than_the_target_pool_is_sized_for_exceed_its_capacity_but_retained_users_do_not_count() {
        int capacity = CATALOG.version(S19).poolCapacity();
        List<User> users = new ArrayList<>();
        for (int i = 0; i <= capacity; i++) {
            users.add(user("sip:u" + i + "@x.com", "pool13.x.com"));
        }
        Inventory over = inventory(
                ONE_SITE,
                List.of(fe("pool13.x.com", "A", L13), fe("pool19.x.com", "A", S19)),
                users,
                List.of(),
                Policies.none());
        assertThat(assess(over, S19, List.of()).findings())
                .extracting(f -> f.code().json(), Assessment.Finding::subject)
                .containsExactly(tuple("TARGET_CAPACITY_EXCEEDED", "pool19.x.com"));

        users.set(
                0,
                new User(
                        SipAddress.of("sip:u0@x.com"),
                        null,
                        Fqdn.of("pool13.x.com"),
                        Map.of(),
                        Set.of(Feature.PersistentChat),
                        false));
        Inventory fits = inventory(
                ONE_SITE,
                List.of(fe("pool13.x.com", "A", L13), fe("pool19.x.com", "A", S19)),
                users,
                List.of(),
                Policies.none());
        assertThat(assess(fits, S19, List.of()).findings())
                .extracting(f -> f.code().json())
                .containsExactly("RETAINED_USERS");
    }

    @Test
    void a_legacy_edge_without_a_target_edge_in_its_site_is_an_error_and_the_edge_cannot_go() {
        Pool edge = new Pool(
                Fqdn.of("edge15.x.com"),
                "A",
                PoolRole.Edge,
                S15,
                List.of(Fqdn.of("e1.x.com")),
                Fqdn.of("pool15.x.com"));
        Inventory inv = inventory(
                ONE_SITE,
                List.of(fe("pool15.x.com", "A", S15), fe("pool19.x.com", "A", S19), edge),
                List.of(),
                List.of(),
                Policies.none());
        Assessment a = assess(inv, S19, List.of());
        assertThat(a.findings())
                .extracting(f -> f.code().json(), Assessment.Finding::subject)
                .containsExactly(tuple("NO_TARGET_EDGE_IN_SITE", "A"));
        assertThat(a.pools())
                .filteredOn(p -> p.fqdn().equals("edge15.x.com"))
                .extracting(Assessment.PoolReport::decommissionable)
                .containsExactly(false);
    }

    @Test
    void a_pool_newer_than_the_target_is_an_unsupported_path() {
        Inventory inv = inventory(
                ONE_SITE,
                List.of(fe("pool15.x.com", "A", S15), fe("pool19.x.com", "A", S19)),
                List.of(),
                List.of(),
                Policies.none());
        assertThat(assess(inv, S15, List.of()).findings())
                .extracting(f -> f.code().json(), Assessment.Finding::subject)
                .containsExactly(tuple("UNSUPPORTED_MIGRATION_PATH", "pool19.x.com"));
    }

    @Test
    void moving_to_the_target_pool_of_another_site_warns_of_users_whose_effective_policy_changes() {
        List<Site> sites = List.of(
                new Site("A", 1, SiteKind.CentralSite, null, null), new Site("B", 2, SiteKind.CentralSite, null, null));
        Policies policies = new Policies(
                Map.of(PolicyKind.Conferencing, "Default"),
                Map.of("A", Map.of(PolicyKind.Conferencing, "AConf"), "B", Map.of(PolicyKind.Conferencing, "BConf")));
        List<User> users = List.of(
                user("sip:plain@x.com", "pool13-b.x.com"),
                new User(
                        SipAddress.of("sip:own@x.com"),
                        null,
                        Fqdn.of("pool13-b.x.com"),
                        Map.of(PolicyKind.Conferencing, "Tag:Own"),
                        Set.of(),
                        false));
        Inventory inv = inventory(
                sites,
                List.of(fe("pool19-a.x.com", "A", S19), fe("pool13-b.x.com", "B", L13)),
                users,
                List.of(),
                policies);
        Assessment a = assess(inv, S19, List.of());
        assertThat(a.findings())
                .extracting(f -> f.code().json(), Assessment.Finding::subject)
                .containsExactly(
                        tuple("NO_TARGET_POOL_IN_SITE", "B"), tuple("EFFECTIVE_POLICY_CHANGES", "pool13-b.x.com"));
        assertThat(a.findings().get(1).message())
                .startsWith("1 user on pool13-b.x.com would get different effective policies on pool19-a.x.com");
    }

    @Test
    void a_server_that_did_not_answer_is_a_warning_not_an_error() {
        Inventory inv = inventory(
                ONE_SITE,
                List.of(fe("pool15.x.com", "A", S15), fe("pool19.x.com", "A", S19)),
                List.of(),
                List.of(),
                Policies.none());
        Assessment a = assess(
                inv,
                S19,
                List.of(new UnansweredServer("srv15.x.com", "Get-CsWindowsService", "RPC server unavailable")));
        assertThat(a.ready()).isTrue();
        assertThat(a.findings())
                .extracting(f -> f.severity().json(), f -> f.code().json(), Assessment.Finding::subject)
                .containsExactly(tuple("warning", "SERVER_NOT_ANSWERED", "srv15.x.com"));
    }
}
