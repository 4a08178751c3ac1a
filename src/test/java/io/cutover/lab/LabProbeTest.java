package io.cutover.lab;

import static io.cutover.lab.TestScenarios.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeKind;
import io.cutover.deployment.ProbeResult;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LabProbeTest {
    private final Lab lab = TestScenarios.small();

    @Test
    void registration_passes_for_a_user_on_a_pool_that_is_up() {
        ProbeResult r = lab.probe(Probe.registration(user(1)));
        assertThat(r.success()).isTrue();
        assertThat(r.target()).isEqualTo("pool13.contoso.com");
        assertThat(r.error()).isNull();
    }

    @Test
    void registration_fails_for_a_user_who_does_not_exist() {
        ProbeResult r = lab.probe(Probe.registration(SipAddress.of("sip:ghost@contoso.com")));
        assertThat(r.success()).isFalse();
        assertThat(r.diagnosis()).startsWith("404 Not Found");
    }

    @Test
    void a_pool_that_is_down_fails_probes_with_480_until_the_fault_is_cleared() {
        lab.inject(new Fault.PoolDown("pool13.contoso.com"));
        ProbeResult r = lab.probe(Probe.registration(user(1)));
        assertThat(r.success()).isFalse();
        assertThat(r.diagnosis()).isEqualTo("480 Temporarily Unavailable: pool pool13.contoso.com is down");
        assertThat(lab.services(Fqdn.of("pool13.contoso.com"))).noneMatch(s -> s.running());

        lab.clearFaults();

        assertThat(lab.probe(Probe.registration(user(1))).success()).isTrue();
    }

    @Test
    void a_stopped_service_fails_probes_to_its_pool_with_503() {
        lab.inject(new Fault.ServiceStopped("pool19.contoso.com", "RTCSRV", "pool19-fe2.contoso.com"));
        lab.move(Subject.user(user(3)), Fqdn.of("pool19.contoso.com"));

        assertThat(lab.services(Fqdn.of("pool19.contoso.com")))
                .filteredOn(s -> !s.running())
                .extracting(s -> s.computer() + " " + s.name())
                .containsExactly("pool19-fe2.contoso.com RTCSRV");
        ProbeResult im = lab.probe(Probe.between(ProbeKind.Im, user(1), user(3)));
        assertThat(im.success()).isFalse();
        assertThat(im.target()).isEqualTo("pool19.contoso.com");
        assertThat(im.diagnosis()).isEqualTo("503 Service Unavailable: RTCSRV stopped on pool19-fe2.contoso.com");
        assertThat(lab.probe(Probe.between(ProbeKind.Im, user(1), user(4))).success())
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(
            value = ProbeKind.class,
            names = {"Presence", "Im", "Call", "Conference"})
    void users_on_2013_and_2019_reach_each_other_in_both_directions(ProbeKind kind) {
        lab.move(Subject.user(user(3)), Fqdn.of("pool19.contoso.com"));
        ProbeResult there = lab.probe(Probe.between(kind, user(1), user(3)));
        ProbeResult back = lab.probe(Probe.between(kind, user(3), user(1)));
        assertThat(there.success()).isTrue();
        assertThat(back.success()).isTrue();
        assertThat(back.target()).as("the organizer's pool").isEqualTo("pool13.contoso.com");
    }

    @Test
    void users_on_versions_that_may_not_coexist_fail_with_488() {
        Lab mixed = Lab.inMemory(Scenario.parse(TestScenarios.OLD_AND_NEW, "mixed.yaml"), TestScenarios.CLOCK);
        ProbeResult r = mixed.probe(
                Probe.between(ProbeKind.Conference, SipAddress.of("sip:old1@contoso.com"), "sip:new1@contoso.com"));
        assertThat(r.success()).isFalse();
        assertThat(r.diagnosis())
                .startsWith(
                        "488 Not Acceptable Here: Lync Server 2010 and Skype for Business Server 2019 may not coexist");
        assertThat(mixed.probe(Probe.between(
                                ProbeKind.Im, SipAddress.of("sip:old1@contoso.com"), "sip:old2@contoso.com"))
                        .success())
                .isTrue();
    }

    @Test
    void external_users_reach_a_moved_user_through_the_new_edge() {
        lab.move(Subject.user(user(3)), Fqdn.of("pool19.contoso.com"));
        ProbeResult r = lab.probe(new Probe(ProbeKind.External, user(3), null, Fqdn.of("edge19.contoso.com")));
        assertThat(r.success()).isTrue();
        assertThat(r.target()).isEqualTo("edge19.contoso.com");

        ProbeResult notEdge = lab.probe(new Probe(ProbeKind.External, user(3), null, Fqdn.of("pool13.contoso.com")));
        assertThat(notEdge.success()).isFalse();
        assertThat(notEdge.diagnosis()).contains("not an Edge pool");
    }

    @Test
    void federation_goes_through_the_site_route_and_follows_it_when_it_moves() {
        Probe federated = new Probe(ProbeKind.Federated, user(1), "fabrikam.com", null);
        assertThat(lab.probe(federated).target()).isEqualTo("edge13.contoso.com");
        assertThat(lab.probe(federated).success()).isTrue();

        lab.inject(new Fault.PoolDown("edge13.contoso.com"));
        ProbeResult down = lab.probe(federated);
        assertThat(down.success()).isFalse();
        assertThat(down.diagnosis()).startsWith("480").contains("edge13.contoso.com");

        lab.setFederationRoute("Redmond", Fqdn.of("edge19.contoso.com"));
        ProbeResult moved = lab.probe(federated);
        assertThat(moved.success()).isTrue();
        assertThat(moved.target()).isEqualTo("edge19.contoso.com");
        assertThat(lab.snapshot().site("Redmond").federationRoute()).isEqualTo(Fqdn.of("edge19.contoso.com"));
    }

    @Test
    void federation_fails_without_a_route_or_to_an_unknown_partner() {
        lab.move(Subject.user(user(3)), Fqdn.of("pool19dub.contoso.com"));
        ProbeResult noRoute = lab.probe(new Probe(ProbeKind.Federated, user(3), "fabrikam.com", null));
        assertThat(noRoute.success()).isFalse();
        assertThat(noRoute.diagnosis()).isEqualTo("403 Forbidden: site Dublin has no federation route");

        ProbeResult stranger = lab.probe(new Probe(ProbeKind.Federated, user(1), "northwind.com", null));
        assertThat(stranger.success()).isFalse();
        assertThat(stranger.diagnosis()).startsWith("403 Forbidden: northwind.com is not a federated partner");
    }

    @Test
    void xmpp_and_persistent_chat_work_on_2013_and_not_on_2019() {
        assertThat(lab.probe(new Probe(ProbeKind.Xmpp, user(1), "fabrikam.com", null))
                        .success())
                .isTrue();
        assertThat(lab.probe(new Probe(ProbeKind.PersistentChat, user(1), null, null))
                        .success())
                .isTrue();

        lab.move(Subject.user(user(1)), Fqdn.of("pool19.contoso.com"));

        ProbeResult xmpp = lab.probe(new Probe(ProbeKind.Xmpp, user(1), "fabrikam.com", null));
        ProbeResult chat = lab.probe(new Probe(ProbeKind.PersistentChat, user(1), null, null));
        assertThat(xmpp.success()).isFalse();
        assertThat(xmpp.diagnosis()).contains("Skype for Business Server 2019 does not offer Xmpp");
        assertThat(chat.success()).isFalse();
        assertThat(chat.diagnosis()).contains("does not offer PersistentChat");
    }

    @Test
    void setting_a_route_to_a_front_end_fails_permanently() {
        assertThatThrownBy(() -> lab.setFederationRoute("Redmond", Fqdn.of("pool19.contoso.com")))
                .isInstanceOf(DeploymentFailure.class)
                .hasMessageContaining("not an Edge pool");
    }
}
