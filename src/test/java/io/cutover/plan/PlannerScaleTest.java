package io.cutover.plan;

import static io.cutover.plan.Topologies.CATALOG;
import static io.cutover.plan.Topologies.LYNC_2013;
import static io.cutover.plan.Topologies.SFB_2015;
import static io.cutover.plan.Topologies.SFB_2019;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Feature;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.PoolRole;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A large deployment plans completely and correctly; speed is measured elsewhere, never asserted. */
class PlannerScaleTest {

    /**
     * Five sites of two legacy Front End pools (10,000 users each, one in a hundred retained) and one
     * 2019 pool; two sites also migrate an Edge, one keeps a legacy Director: 20 pools, 100,000 users.
     */
    static Inventory large() {
        Topologies.Builder b = Topologies.builder();
        for (int s = 1; s <= 5; s++) {
            String site = "Site" + s;
            String domain = ".site" + s + ".contoso.com";
            boolean edge = s <= 2;
            b.site(site, edge ? "edge01" + domain : null, null);
            b.frontEnd("new" + domain, site, SFB_2019);
            for (int p = 1; p <= 2; p++) {
                String pool = "old" + p + domain;
                b.frontEnd(pool, site, p == 1 ? LYNC_2013 : SFB_2015);
                for (int u = 1; u <= 10_000; u++) {
                    String sip = "sip:u" + s + p + "-" + u + "@contoso.com";
                    boolean retained = u % 100 == 0;
                    b.user(sip, pool, u <= 10, retained ? Set.of(Feature.PersistentChat) : Set.of(Feature.Im));
                }
                for (int o = 1; o <= 20; o++) {
                    b.object(HomedKind.values()[1 + o % 11], "obj-" + pool + "-" + o, pool);
                }
            }
            if (edge) {
                b.edge("edge01" + domain, site, LYNC_2013, "old1" + domain);
                b.edge("edge19" + domain, site, SFB_2019, "new" + domain);
            }
        }
        b.pool("dir01.site5.contoso.com", "Site5", PoolRole.Director, SFB_2015, null);
        b.cms("old1.site1.contoso.com").partner("fabrikam.com");
        return b.build();
    }

    @Test
    void a_hundred_thousand_users_in_twenty_pools_and_five_sites_are_planned_completely() {
        Inventory inv = large();
        assertThat(inv.users()).hasSize(100_000);
        assertThat(inv.pools()).hasSize(20);

        Plan plan = Planner.plan(inv, CATALOG, PlanOptions.defaults(SFB_2019), "large");

        List<String> moved = PlanReading.movedUsers(plan);
        Set<String> movedOnce = new HashSet<>(moved);
        assertThat(moved).hasSize(99_000);
        assertThat(movedOnce).hasSize(99_000);
        assertThat(plan.retained())
                .hasSize(1_000)
                .noneMatch(r -> movedOnce.contains(r.sipAddress().text()));
        assertThat(plan.kept()).hasSize(11);
        assertThat(plan.steps())
                .filteredOn(s -> s.phase() == Phase.Decommission)
                .extracting(s -> s.pool().text())
                .containsExactlyInAnyOrder("edge01.site1.contoso.com", "edge01.site2.contoso.com");
        assertThat(plan.steps())
                .filteredOn(s -> s.phase() == Phase.Federation && s instanceof Step.RouteFederation)
                .hasSize(2);
        assertThat(plan.checksum()).isEqualTo(PlanCodec.checksum(plan));
    }
}
