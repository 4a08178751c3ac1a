package io.cutover.folder;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.assess.Assessment;
import io.cutover.assess.Assessment.BlockerCode;
import io.cutover.assess.Assessment.FindingCode;
import io.cutover.assess.Assessor;
import io.cutover.catalog.Catalog;
import io.cutover.check.Check;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.plan.KeptPool;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Planner;
import io.cutover.plan.Step;
import io.cutover.rules.Release;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field fixtures branch-site-sba and xmpp-route-on-legacy-edge (src/test/resources/field, with
 * their expected.md): read, assessed and planned as expected.md says.
 */
class BranchAndXmppFixturesTest {
    private static final Catalog CATALOG = Catalog.bundled();
    private static final String SFB2019 = "Skype for Business Server 2019";
    private static final Fqdn LEGACY = Fqdn.of("lyncpool01.contoso.com");
    private static final Fqdn SBA = Fqdn.of("sba01.contoso.com");
    private static final Fqdn LEGACY_EDGE = Fqdn.of("lyncedge01.contoso.com");

    private static Inventory read(String name) {
        return FolderReader.read(FieldFixturesTest.fixture(name), CATALOG).inventory();
    }

    private static Assessment assess(String name) {
        return Assessor.assess(read(name), CATALOG, CATALOG.version(SFB2019), List.of());
    }

    private static Plan plan(String name) {
        return Planner.plan(read(name), CATALOG, PlanOptions.defaults(SFB2019), "field");
    }

    private static int indexOf(Plan plan, String id) {
        for (int i = 0; i < plan.steps().size(); i++) {
            if (plan.steps().get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void a_registrar_in_a_branch_site_is_a_survivable_branch_appliance_associated_with_the_legacy_central_pool() {
        Pool sba = read("branch-site-sba").pool(SBA);

        assertThat(sba.role()).isEqualTo(PoolRole.SurvivableBranch);
        assertThat(sba.site()).isEqualTo("Tacoma");
        assertThat(sba.nextHop()).isEqualTo(LEGACY);
    }

    @Test
    void the_branch_site_is_ready_and_the_legacy_pool_is_blocked_by_the_appliance_with_the_step_that_clears_it() {
        Assessment a = assess("branch-site-sba");

        assertThat(a.ready()).isTrue();
        assertThat(a.findings()).noneMatch(f -> f.code() == FindingCode.NO_TARGET_POOL_IN_SITE);
        Assessment.Blocker association = a.pools().stream()
                .filter(p -> p.fqdn().equals(LEGACY.text()))
                .flatMap(p -> p.blockers().stream())
                .filter(b -> b.code() == BlockerCode.BRANCH_ASSOCIATION)
                .findFirst()
                .orElseThrow();
        assertThat(association.by()).containsExactly(SBA.text());
        assertThat(association.step()).contains("re-associate", SBA.text(), "sfbpool01.contoso.com");
        assertThat(a.pools())
                .filteredOn(p -> p.fqdn().equals(SBA.text()))
                .extracting(Assessment.PoolReport::role, Assessment.PoolReport::users)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SurvivableBranch", 3));
        assertThat(a.findings())
                .anyMatch(f ->
                        f.code() == FindingCode.POOL_NOT_MIGRATED && f.subject().equals(SBA.text()));
    }

    @Test
    void the_plan_re_associates_the_appliance_as_an_approved_verified_step_before_the_legacy_pool_drains() {
        Plan plan = plan("branch-site-sba");

        String release = "Redmond/lyncpool01.contoso.com/release-sba01.contoso.com";
        Step.Gate gate = (Step.Gate) plan.findStep(release).orElseThrow();
        assertThat(gate.phase()).isEqualTo(Phase.Manual);
        assertThat(plan.options().needsApproval(gate)).isTrue();
        assertThat(gate.checks())
                .containsExactly(new Check.Released(
                        new Release.Repoint(SBA, PoolRole.SurvivableBranch, LEGACY, Fqdn.of("sfbpool01.contoso.com"))));
        assertThat(indexOf(plan, release))
                .isPositive()
                .isLessThan(indexOf(plan, "Redmond/lyncpool01.contoso.com/drain"));
        assertThat(plan.steps())
                .filteredOn(s -> s instanceof Step.MoveBatch)
                .flatMap(s -> ((Step.MoveBatch) s).moves())
                .noneMatch(m -> m.subject().id().contains("branch"));
        assertThat(plan.kept()).extracting(KeptPool::pool).containsExactly(SBA);
    }

    @Test
    void an_xmpp_route_on_the_legacy_edge_blocks_it_until_a_manual_step_that_removes_the_route() {
        Assessment a = assess("xmpp-route-on-legacy-edge");
        Plan plan = plan("xmpp-route-on-legacy-edge");

        assertThat(a.pools())
                .filteredOn(p -> p.fqdn().equals(LEGACY_EDGE.text()))
                .flatMap(Assessment.PoolReport::blockers)
                .filteredOn(b -> b.code() == BlockerCode.XMPP_FEDERATION_ROUTE)
                .singleElement()
                .satisfies(b -> assertThat(b.step()).contains("remove the XMPP federation route of site Redmond"));
        assertThat(a.findings())
                .anyMatch(f -> f.code() == FindingCode.MANUAL_STEP_BEFORE_DECOMMISSION
                        && f.subject().equals(LEGACY_EDGE.text()));
        String release = "Redmond/lyncedge01.contoso.com/release-xmpp-route";
        assertThat(((Step.Gate) plan.findStep(release).orElseThrow()).checks())
                .containsExactly(new Check.Released(new Release.DropXmppRoute("Redmond", LEGACY_EDGE)));
        assertThat(indexOf(plan, release))
                .isPositive()
                .isLessThan(indexOf(plan, "Redmond/lyncedge01.contoso.com/drain"));
    }

    @Test
    void retained_xmpp_users_keep_the_edge_and_no_step_removes_their_route(@TempDir Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(FieldFixturesTest.fixture("xmpp-route-on-legacy-edge"))) {
            for (Path f : files.toList()) {
                Files.copy(f, tmp.resolve(f.getFileName()));
            }
        }
        Files.writeString(
                tmp.resolve("usage.csv"),
                "\"SipAddress\",\"Feature\",\"Detail\"\r\n\"sip:user01@contoso.com\",\"Xmpp\",\"partner.example\"\r\n");
        Inventory inv = FolderReader.read(tmp, CATALOG).inventory();

        Plan plan = Planner.plan(inv, CATALOG, PlanOptions.defaults(SFB2019), "field");

        assertThat(plan.steps()).noneMatch(s -> s.phase() == Phase.Manual);
        assertThat(plan.kept()).extracting(KeptPool::pool).contains(LEGACY_EDGE, LEGACY);
    }

    @Test
    void a_backup_pairing_is_read_shown_and_re_done_by_a_manual_step_before_the_paired_pool_drains(@TempDir Path tmp)
            throws IOException {
        try (Stream<Path> files = Files.list(FieldFixturesTest.fixture("xmpp-route-on-legacy-edge"))) {
            for (Path f : files.toList()) {
                Files.copy(f, tmp.resolve(f.getFileName()));
            }
        }
        String xml = Files.readString(tmp.resolve("topology.xml"), java.nio.charset.StandardCharsets.UTF_8);
        String pool02 =
                "    <Cluster RequiresReplication=\"true\" RequiresSetup=\"true\" Fqdn=\"lyncpool02.contoso.com\">\n"
                        + "      <ClusterId SiteId=\"1\" Number=\"9\" />\n"
                        + "      <Machine OrdinalInCluster=\"1\" Fqdn=\"lyncfe09.contoso.com\" />\n    </Cluster>\n  </Clusters>";
        String services = "    <Service RoleVersion=\"1\" ServiceVersion=\"6\">\n"
                + "      <ServiceId SiteId=\"1\" RoleName=\"UserServices\" Instance=\"9\" />\n"
                + "      <InstalledOn><ClusterId SiteId=\"1\" Number=\"9\" /></InstalledOn>\n    </Service>\n"
                + "    <Service RoleVersion=\"1\" ServiceVersion=\"6\">\n"
                + "      <ServiceId SiteId=\"1\" RoleName=\"Registrar\" Instance=\"9\" />\n"
                + "      <DependsOn><Dependency Usage=\"BackupRegistrar\">"
                + "<ServiceId SiteId=\"1\" RoleName=\"Registrar\" Instance=\"1\" /></Dependency></DependsOn>\n"
                + "      <InstalledOn><ClusterId SiteId=\"1\" Number=\"9\" /></InstalledOn>\n    </Service>\n  </Services>";
        Files.writeString(
                tmp.resolve("topology.xml"),
                xml.replace("  </Clusters>", pool02).replace("  </Services>", services),
                java.nio.charset.StandardCharsets.UTF_8);
        Inventory inv = FolderReader.read(tmp, CATALOG).inventory();
        Fqdn paired = Fqdn.of("lyncpool02.contoso.com");

        Assessment a = Assessor.assess(inv, CATALOG, CATALOG.version(SFB2019), List.of());
        Plan plan = Planner.plan(inv, CATALOG, PlanOptions.defaults(SFB2019), "field");

        assertThat(inv.pool(paired).backup()).isEqualTo(LEGACY);
        assertThat(inv.pool(paired).nextHop()).isNull();
        assertThat(a.pools())
                .filteredOn(p -> p.fqdn().equals(LEGACY.text()))
                .flatMap(Assessment.PoolReport::blockers)
                .filteredOn(b -> b.code() == BlockerCode.BACKUP_PAIRING)
                .singleElement()
                .satisfies(b -> assertThat(b.by()).containsExactly(paired.text()));
        String release = "Redmond/lyncpool01.contoso.com/release-pairing-lyncpool02.contoso.com";
        // Both partners are legacy pools the plan retires: the pairing is removed, not moved to a new pool.
        assertThat(((Step.Gate) plan.findStep(release).orElseThrow()).checks())
                .containsExactly(new Check.Released(new Release.Repair(paired, LEGACY, null)));
        assertThat(indexOf(plan, release)).isLessThan(indexOf(plan, "Redmond/lyncpool01.contoso.com/drain"));
    }
}
