package io.cutover.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Policies;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Site;
import io.cutover.inventory.SiteKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What holds a pool, and which step clears each hold. */
class HoldsTest {
    private static final Fqdn LEGACY = Fqdn.of("pool13.contoso.com");
    private static final Fqdn TARGET = Fqdn.of("pool19.contoso.com");
    private static final Fqdn EDGE = Fqdn.of("edge13.contoso.com");
    private static final Fqdn DIRECTOR = Fqdn.of("dir13.contoso.com");
    private static final Fqdn SBA = Fqdn.of("sba13.contoso.com");

    private static Pool pool(Fqdn fqdn, String site, PoolRole role, Fqdn nextHop) {
        return new Pool(fqdn, site, role, "Lync Server 2013", List.of(fqdn), nextHop);
    }

    private static Inventory inventory(Fqdn xmppRoute) {
        return new Inventory(
                List.of(
                        new Site("Redmond", 1, SiteKind.CentralSite, EDGE, xmppRoute),
                        new Site("Tacoma", 2, SiteKind.BranchSite, null, null)),
                List.of(
                        pool(LEGACY, "Redmond", PoolRole.FrontEnd, null),
                        pool(TARGET, "Redmond", PoolRole.FrontEnd, null),
                        pool(EDGE, "Redmond", PoolRole.Edge, LEGACY),
                        pool(DIRECTOR, "Redmond", PoolRole.Director, LEGACY),
                        pool(SBA, "Tacoma", PoolRole.SurvivableBranch, LEGACY)),
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Policies.none(),
                List.of());
    }

    @Test
    void every_pool_that_depends_on_a_pool_holds_it_by_its_role_and_a_gone_pool_holds_nothing() {
        List<Hold> holds = Holds.links(inventory(null), LEGACY, p -> p.equals(EDGE));

        assertThat(holds)
                .extracting(Hold::kind, Hold::holder)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(HoldKind.DIRECTOR_NEXT_HOP, DIRECTOR.text()),
                        org.assertj.core.groups.Tuple.tuple(HoldKind.BRANCH_ASSOCIATION, SBA.text()));
    }

    @Test
    void a_legacy_edge_that_goes_first_clears_its_hold_by_its_decommission_and_the_others_by_manual_steps() {
        List<Release> steps =
                Holds.manualSteps(inventory(null), LEGACY, TARGET, p -> p.equals(EDGE), p -> false, s -> false);

        assertThat(steps)
                .containsExactly(
                        new Release.Repoint(DIRECTOR, PoolRole.Director, LEGACY, TARGET),
                        new Release.Repoint(SBA, PoolRole.SurvivableBranch, LEGACY, TARGET));
    }

    @Test
    void an_xmpp_route_is_removed_by_a_manual_step_unless_retained_users_need_it() {
        Inventory inv = inventory(EDGE);

        assertThat(Holds.manualSteps(inv, EDGE, null, p -> false, p -> false, s -> false))
                .containsExactly(new Release.DropXmppRoute("Redmond", EDGE));
        assertThat(Holds.manualSteps(inv, EDGE, null, p -> false, p -> false, s -> s.equals("Redmond")))
                .isEmpty();
    }

    @Test
    void a_manual_step_is_done_once_the_deployment_no_longer_points_at_the_pool() {
        Inventory before = inventory(EDGE);
        Inventory after = before.withPool(before.pool(SBA).withNextHop(TARGET));
        Release reassociate = new Release.Repoint(SBA, PoolRole.SurvivableBranch, LEGACY, TARGET);

        assertThat(reassociate.done(before)).isFalse();
        assertThat(reassociate.done(after)).isTrue();
    }
}
