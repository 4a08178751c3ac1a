package io.cutover.lab;

import static io.cutover.lab.TestScenarios.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DecommissionTest {
    @Test
    void decommission_is_refused_while_anything_is_homed_on_the_pool_or_points_at_it() {
        Lab lab = TestScenarios.small();
        assertThatThrownBy(() -> lab.decommission(Fqdn.of("pool13.contoso.com")))
                .isInstanceOfSatisfying(
                        DeploymentFailure.class,
                        f -> assertThat(f.isTransient()).isFalse())
                .hasMessageContaining(
                        "it still homes 20 users (sip:user01@contoso.com, sip:user02@contoso.com, sip:user03@contoso.com, ...)")
                .hasMessageContaining("2 CommonAreaPhone")
                .hasMessageContaining("1 RgsConfiguration")
                .hasMessageContaining("Central Management Store")
                .hasMessageContaining("Edge edge13.contoso.com uses it as next hop");
        assertThatThrownBy(() -> lab.decommission(Fqdn.of("edge13.contoso.com")))
                .hasMessageContaining("site Redmond's federation route points at it")
                .hasMessageContaining("site Redmond's XMPP federation route points at it");
        assertThat(lab.poolState(Fqdn.of("pool13.contoso.com"))).isEqualTo(PoolState.Up);
    }

    @Test
    void a_single_user_left_on_the_pool_blocks_it() {
        Lab lab = drainable();
        Inventory before = lab.snapshot();
        before.usersOn(Fqdn.of("pool13.contoso.com")).stream()
                .skip(1)
                .forEach(u -> lab.move(Subject.user(u.sipAddress()), Fqdn.of("pool19.contoso.com")));
        before.objectsOn(Fqdn.of("pool13.contoso.com"))
                .forEach(o -> lab.move(new Subject(o.kind(), o.identity()), Fqdn.of("pool19.contoso.com")));
        lab.move(Subject.cms(), Fqdn.of("pool19.contoso.com"));
        lab.setFederationRoute("Redmond", Fqdn.of("edge19.contoso.com"));
        lab.decommission(Fqdn.of("edge13.contoso.com"));

        assertThatThrownBy(() -> lab.decommission(Fqdn.of("pool13.contoso.com")))
                .hasMessage("cannot decommission pool13.contoso.com: it still homes 1 users (" + user(1)
                        + "). Move everything off it first");
    }

    @Test
    void a_drained_pool_is_decommissioned_stops_its_services_and_stays_listed() {
        Lab lab = drainable();
        Inventory before = lab.snapshot();
        before.usersOn(Fqdn.of("pool13.contoso.com"))
                .forEach(u -> lab.move(Subject.user(u.sipAddress()), Fqdn.of("pool19.contoso.com")));
        for (HomedObject o : before.objectsOn(Fqdn.of("pool13.contoso.com"))) {
            lab.move(new Subject(o.kind(), o.identity()), Fqdn.of("pool19.contoso.com"));
        }
        lab.move(Subject.cms(), Fqdn.of("pool19.contoso.com"));
        assertThatThrownBy(() -> lab.decommission(Fqdn.of("pool13.contoso.com")))
                .hasMessageContaining("edge13.contoso.com uses it as next hop");

        lab.setFederationRoute("Redmond", Fqdn.of("edge19.contoso.com"));
        lab.decommission(Fqdn.of("edge13.contoso.com"));
        lab.decommission(Fqdn.of("pool13.contoso.com"));
        lab.decommission(Fqdn.of("pool13.contoso.com"));

        assertThat(lab.poolState(Fqdn.of("pool13.contoso.com"))).isEqualTo(PoolState.Decommissioned);
        assertThat(lab.services(Fqdn.of("pool13.contoso.com"))).isNotEmpty().noneMatch(s -> s.running());
        assertThat(lab.replication())
                .extracting(r -> r.fqdn().text())
                .doesNotContain("pool13-fe1.contoso.com", "edge13-edge1.contoso.com");
        assertThat(lab.snapshot().findPool("pool13.contoso.com")).isPresent();
        assertThatThrownBy(() -> lab.move(Subject.user(user(3)), Fqdn.of("pool13.contoso.com")))
                .isInstanceOfSatisfying(
                        DeploymentFailure.class,
                        f -> assertThat(f.isTransient()).isFalse())
                .hasMessageContaining("decommissioned");
        assertThatThrownBy(() -> lab.deploy(Fqdn.of("pool13.contoso.com"))).hasMessageContaining("no way back");
    }

    /** The small scenario without retained users or an XMPP route, so pool13 and edge13 can be drained. */
    private static Lab drainable() {
        String text = TestScenarios.SMALL
                .lines()
                .filter(l -> !l.contains("feature"))
                .map(l -> l.replace(", xmppFederationRoute: edge13.contoso.com", ""))
                .collect(Collectors.joining("\n"));
        return Lab.inMemory(Scenario.parse(text, "drainable.yaml"), TestScenarios.CLOCK);
    }
}
