package io.cutover.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cutover.assess.Assessment.Blocker;
import io.cutover.assess.Assessment.BlockerCode;
import io.cutover.assess.Assessment.PoolReport;
import io.cutover.catalog.Catalog;
import io.cutover.folder.FolderRead;
import io.cutover.folder.FolderReader;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The four multi-site fixture folders (src/test/resources/fixtures/folders), each assessed for
 * Skype for Business Server 2019 and checked against what their files say, worked out by hand.
 */
class AssessFixturesTest {
    private static final Catalog CATALOG = Catalog.bundled();
    private static final String SFB2019 = "Skype for Business Server 2019";

    static Assessment assess(String fixture) {
        try {
            Path dir = Path.of(AssessFixturesTest.class
                    .getResource("/fixtures/folders/" + fixture)
                    .toURI());
            FolderRead read = FolderReader.read(dir, CATALOG);
            // The findings every old version earns are covered by SubscriptionEditionAssessTest.
            return AssessorRulesTest.withoutLifecycle(
                    Assessor.assess(read.inventory(), CATALOG, CATALOG.version(SFB2019), read.unanswered()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PoolReport pool(Assessment a, String fqdn) {
        return a.pools().stream()
                .filter(p -> p.fqdn().equals(fqdn))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pool " + fqdn));
    }

    @Test
    void the_clean_deployment_is_ready_with_no_findings_and_every_legacy_pool_can_go() {
        Assessment a = assess("clean");
        assertThat(a.target()).isEqualTo(SFB2019);
        assertThat(a.ready()).isTrue();
        assertThat(a.findings()).isEmpty();
        assertThat(a.summary()).isEqualTo(new Assessment.Summary(2, 7, 8, 3));
        assertThat(a.retained()).isEmpty();
        // Sites by name (Dublin before Redmond), then pools by FQDN.
        assertThat(a.pools())
                .extracting(
                        PoolReport::fqdn,
                        PoolReport::site,
                        PoolReport::role,
                        PoolReport::version,
                        PoolReport::legacy,
                        PoolReport::users,
                        PoolReport::decommissionable)
                .containsExactly(
                        tuple(
                                "pool15-dub.contoso.com",
                                "Dublin",
                                "FrontEnd",
                                "Skype for Business Server 2015",
                                true,
                                3,
                                true),
                        tuple("pool19-dub.contoso.com", "Dublin", "FrontEnd", SFB2019, false, 0, false),
                        tuple("edge13-red.contoso.com", "Redmond", "Edge", "Lync Server 2013", true, 0, true),
                        tuple("edge19-red.contoso.com", "Redmond", "Edge", SFB2019, false, 0, false),
                        tuple("pool13-red.contoso.com", "Redmond", "FrontEnd", "Lync Server 2013", true, 4, true),
                        tuple("pool19-red.contoso.com", "Redmond", "FrontEnd", SFB2019, false, 1, false),
                        tuple("sql-red.contoso.com", "Redmond", "SqlStore", SFB2019, false, 0, false));
        assertThat(pool(a, "pool13-red.contoso.com").objects()).containsExactly(Map.entry("CommonAreaPhone", 2));
        assertThat(pool(a, "pool13-red.contoso.com").blockers())
                .containsExactly(
                        new Blocker(BlockerCode.HOMED_USERS, 4, null, null),
                        new Blocker(BlockerCode.HOMED_OBJECTS, 2, Map.of("CommonAreaPhone", 2), null),
                        new Blocker(BlockerCode.EDGE_NEXT_HOP, null, null, List.of("edge13-red.contoso.com")));
        assertThat(pool(a, "pool15-dub.contoso.com").blockers())
                .containsExactly(
                        new Blocker(BlockerCode.HOMED_USERS, 3, null, null),
                        new Blocker(BlockerCode.HOMED_OBJECTS, 1, Map.of("ConferenceDirectory", 1), null));
        assertThat(pool(a, "edge13-red.contoso.com").blockers()).isEmpty();
        assertThat(pool(a, "edge19-red.contoso.com").blockers())
                .containsExactly(new Blocker(BlockerCode.FEDERATION_ROUTE, null, null, List.of("Dublin", "Redmond")));
        assertThat(pool(a, "pool19-red.contoso.com").blockers())
                .containsExactly(
                        new Blocker(BlockerCode.HOMED_USERS, 1, null, null),
                        Blocker.of(BlockerCode.HOSTS_CMS),
                        new Blocker(BlockerCode.EDGE_NEXT_HOP, null, null, List.of("edge19-red.contoso.com")));
    }

    @Test
    void lync_2010_beside_2013_is_not_ready_for_2019_for_its_path_its_coexistence_and_a_site_without_a_target_pool() {
        Assessment a = assess("lync2010-beside-2013");
        assertThat(a.ready()).isFalse();
        assertThat(a.summary()).isEqualTo(new Assessment.Summary(2, 4, 6, 0));
        assertThat(a.findings())
                .extracting(f -> f.severity().json(), f -> f.code().json(), Assessment.Finding::subject)
                .containsExactly(
                        tuple("error", "NO_TARGET_POOL_IN_SITE", "Boston"),
                        tuple("error", "UNSUPPORTED_COEXISTENCE", "topology"),
                        tuple("error", "UNSUPPORTED_MIGRATION_PATH", "pool10-chi.fabrikam.com"),
                        tuple("warning", "HOSTS_CMS", "pool13-chi.fabrikam.com"));
        assertThat(a.findings().get(1).message()).contains("Lync Server 2010", "Lync Server 2013", SFB2019);
        assertThat(a.findings().get(2).message())
                .contains("two hops", "Lync Server 2010 -> Lync Server 2013 or Skype for Business Server 2015");
        assertThat(a.pools())
                .extracting(
                        PoolReport::fqdn,
                        PoolReport::version,
                        PoolReport::legacy,
                        PoolReport::users,
                        PoolReport::decommissionable)
                .containsExactly(
                        tuple("pool13-bos.fabrikam.com", "Lync Server 2013", true, 2, false),
                        tuple("pool10-chi.fabrikam.com", "Lync Server 2010", true, 2, false),
                        tuple("pool13-chi.fabrikam.com", "Lync Server 2013", true, 2, true),
                        tuple("pool19-chi.fabrikam.com", SFB2019, false, 0, false));
        assertThat(pool(a, "pool13-chi.fabrikam.com").blockers())
                .containsExactly(
                        new Blocker(BlockerCode.HOMED_USERS, 2, null, null), Blocker.of(BlockerCode.HOSTS_CMS));
    }

    @Test
    void stale_replicas_and_a_stopped_service_are_errors_naming_the_servers() {
        Assessment a = assess("stale-and-stopped");
        assertThat(a.ready()).isFalse();
        assertThat(a.findings())
                .extracting(f -> f.severity().json(), f -> f.code().json(), Assessment.Finding::subject)
                .containsExactly(
                        tuple("error", "REPLICA_NOT_UP_TO_DATE", "ber15-fe1.contoso.com"),
                        tuple("error", "REPLICA_NOT_UP_TO_DATE", "ber19-fe1.contoso.com"),
                        tuple("error", "SERVICE_NOT_RUNNING", "par15-fe2.contoso.com"));
        assertThat(a.findings().get(2).message()).contains("RTCSRV", "pool15-par.contoso.com", "Stopped");
        // A stopped service holds the migration up today; it does not make the pool unable to go.
        assertThat(pool(a, "pool15-par.contoso.com").decommissionable()).isTrue();
        assertThat(a.summary()).isEqualTo(new Assessment.Summary(2, 4, 3, 0));
    }

    @Test
    void retained_users_the_cms_on_a_legacy_pool_and_federation_through_a_legacy_edge_keep_those_pools() {
        Assessment a = assess("retained-cms-federation");
        assertThat(a.ready()).isTrue();
        assertThat(a.findings())
                .extracting(f -> f.severity().json(), f -> f.code().json(), Assessment.Finding::subject)
                .containsExactly(
                        tuple("warning", "FEDERATION_ROUTE_ON_LEGACY_EDGE", "London"),
                        tuple("warning", "FEDERATION_ROUTE_ON_LEGACY_EDGE", "Seattle"),
                        tuple("warning", "HOSTS_CMS", "pool13-sea.contoso.com"),
                        tuple("warning", "RETAINED_USERS", "pool13-sea.contoso.com"),
                        tuple("warning", "RETAINED_USERS", "pool15-lon.contoso.com"));
        // usage.csv spells Ann "sip:Ann@..." and Dee's feature "persistentchat", twice: one user, one feature each.
        assertThat(a.retained())
                .containsExactly(
                        new Assessment.RetainedUser(
                                SipAddress.of("sip:ann@contoso.com"),
                                Fqdn.of("pool13-sea.contoso.com"),
                                List.of("PersistentChat")),
                        new Assessment.RetainedUser(
                                SipAddress.of("sip:bob@contoso.com"),
                                Fqdn.of("pool13-sea.contoso.com"),
                                List.of("Xmpp")),
                        new Assessment.RetainedUser(
                                SipAddress.of("sip:dee@contoso.com"),
                                Fqdn.of("pool15-lon.contoso.com"),
                                List.of("PersistentChat")));
        assertThat(pool(a, "pool13-sea.contoso.com").blockers())
                .containsExactly(
                        new Blocker(BlockerCode.HOMED_USERS, 3, null, null),
                        new Blocker(
                                BlockerCode.HOMED_OBJECTS, 3, Map.of("CallParkOrbit", 2, "RgsConfiguration", 1), null),
                        new Blocker(BlockerCode.RETAINED_USERS, 2, null, null),
                        Blocker.of(BlockerCode.HOSTS_CMS),
                        new Blocker(BlockerCode.EDGE_NEXT_HOP, null, null, List.of("edge13-sea.contoso.com")));
        assertThat(pool(a, "edge13-sea.contoso.com").blockers())
                .containsExactly(new Blocker(BlockerCode.FEDERATION_ROUTE, null, null, List.of("London", "Seattle")));
        assertThat(a.pools())
                .extracting(PoolReport::fqdn, PoolReport::legacy, PoolReport::decommissionable)
                .containsExactly(
                        tuple("pool15-lon.contoso.com", true, false),
                        tuple("pool19-lon.contoso.com", false, false),
                        tuple("edge13-sea.contoso.com", true, false),
                        tuple("edge19-sea.contoso.com", false, false),
                        tuple("pool13-sea.contoso.com", true, false),
                        tuple("pool19-sea.contoso.com", false, false));
        assertThat(pool(a, "pool15-lon.contoso.com").objects()).containsExactly(Map.entry("MeetingRoom", 1));
    }
}
