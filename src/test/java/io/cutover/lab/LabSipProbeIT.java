package io.cutover.lab;

import static io.cutover.lab.TestScenarios.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeKind;
import io.cutover.deployment.ProbeResult;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The probes of LabProbeTest, run as SIP exchanges with the lab's pools on loopback. */
class LabSipProbeIT {
    private final Lab lab = TestScenarios.small().startSip(100, 800);

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void registration_passes_for_a_user_on_a_pool_that_is_up() {
        ProbeResult r = lab.probe(Probe.registration(user(1)));
        assertThat(r.success()).as(String.valueOf(r)).isTrue();
        assertThat(r.target()).isEqualTo("pool13.contoso.com");
    }

    @Test
    void registration_fails_with_404_for_a_user_who_does_not_exist() {
        ProbeResult r = lab.probe(Probe.registration(SipAddress.of("sip:ghost@contoso.com")));
        assertThat(r.success()).isFalse();
        assertThat(r.diagnosis()).isEqualTo("404 Not Found: no user sip:ghost@contoso.com in the deployment");
    }

    @Test
    void a_pool_that_is_down_answers_nothing_so_registration_times_out_until_the_fault_is_cleared() {
        lab.inject(new Fault.PoolDown("pool13.contoso.com"));
        ProbeResult r = lab.probe(Probe.registration(user(1)));
        assertThat(r.success()).isFalse();
        assertThat(r.diagnosis()).isEqualTo("408 Request Timeout: no answer from pool13.contoso.com within 800 ms");

        lab.clearFaults();

        assertThat(lab.probe(Probe.registration(user(1))).success()).isTrue();
    }

    @Test
    void a_stopped_service_fails_probes_to_its_pool_with_503_from_that_pool() {
        lab.inject(new Fault.ServiceStopped("pool19.contoso.com", "RTCSRV", "pool19-fe2.contoso.com"));
        lab.move(Subject.user(user(3)), Fqdn.of("pool19.contoso.com"));

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
            names = {"Registration", "Presence", "Im", "Call", "Conference"})
    void users_on_2013_and_2019_reach_each_other_in_both_directions(ProbeKind kind) {
        lab.move(Subject.user(user(3)), Fqdn.of("pool19.contoso.com"));
        ProbeResult there = lab.probe(Probe.between(kind, user(1), user(3)));
        ProbeResult back = lab.probe(Probe.between(kind, user(3), user(1)));
        assertThat(there.success()).as(String.valueOf(there)).isTrue();
        assertThat(back.success()).as(String.valueOf(back)).isTrue();
    }

    @Test
    void users_on_versions_that_may_not_coexist_fail_with_488_from_the_receiving_pool() {
        try (Lab mixed = Lab.inMemory(Scenario.parse(TestScenarios.OLD_AND_NEW, "mixed.yaml"), TestScenarios.CLOCK)
                .startSip(100, 800)) {
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
    }

    @Test
    void a_move_changes_the_registrar_so_the_old_pool_redirects_and_the_new_one_registers() {
        assertThat(lab.probe(Probe.registration(user(3))).success()).isTrue();
        lab.move(Subject.user(user(3)), Fqdn.of("pool19.contoso.com"));

        ProbeResult r = lab.probe(Probe.registration(user(3)));

        assertThat(r.success()).as(String.valueOf(r)).isTrue();
        assertThat(r.target()).isEqualTo("pool19.contoso.com");
    }

    @Test
    void after_a_move_a_register_at_the_old_pool_is_answered_301_with_the_new_pool_as_contact() throws Exception {
        lab.move(Subject.user(user(3)), Fqdn.of("pool19.contoso.com"));
        io.cutover.lab.sip.SipNetwork sip = lab.sipNetwork().orElseThrow();
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.1", 0))) {
            s.setSoTimeout(2_000);
            String text = "REGISTER sip:contoso.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort()
                    + ";branch=z9hG4bKmoved\r\n"
                    + "Max-Forwards: 70\r\nFrom: <" + user(3) + ">;tag=1\r\nTo: <" + user(3)
                    + ">\r\nCall-ID: moved-1\r\n"
                    + "CSeq: 1 REGISTER\r\nContact: <sip:c@127.0.0.1:" + s.getLocalPort()
                    + ">\r\nContent-Length: 0\r\n\r\n";
            byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            s.send(new java.net.DatagramPacket(b, b.length, sip.poolAddress("pool13.contoso.com")));
            byte[] buf = new byte[65_536];
            java.net.DatagramPacket in = new java.net.DatagramPacket(buf, buf.length);
            s.receive(in);
            io.cutover.lab.sip.SipMessage r = io.cutover.lab.sip.SipMessage.parse(buf, 0, in.getLength());

            assertThat(r.status()).isEqualTo(301);
            assertThat(r.header("Contact"))
                    .isEqualTo("<sip:127.0.0.1:"
                            + sip.poolAddress("pool19.contoso.com").getPort() + ">");
            assertThat(r.header("Warning")).contains(user(3) + " is homed on pool19.contoso.com");
        }
    }

    @Test
    void external_users_register_and_talk_through_an_edge() {
        lab.move(Subject.user(user(3)), Fqdn.of("pool19.contoso.com"));
        ProbeResult r = lab.probe(new Probe(ProbeKind.External, user(3), null, Fqdn.of("edge19.contoso.com")));
        assertThat(r.success()).as(String.valueOf(r)).isTrue();
        ProbeResult toPeer =
                lab.probe(new Probe(ProbeKind.External, user(3), user(1).text(), Fqdn.of("edge13.contoso.com")));
        assertThat(toPeer.success()).as(String.valueOf(toPeer)).isTrue();

        ProbeResult notEdge = lab.probe(new Probe(ProbeKind.External, user(3), null, Fqdn.of("pool13.contoso.com")));
        assertThat(notEdge.success()).isFalse();
        assertThat(notEdge.diagnosis()).startsWith("404 Not Found: no Edge pool pool13.contoso.com");
    }

    @Test
    void
            federation_goes_out_and_back_through_the_site_route_fails_when_that_edge_is_down_and_passes_after_the_route_moves() {
        Probe federated = new Probe(ProbeKind.Federated, user(1), "fabrikam.com", null);
        assertThat(lab.probe(federated).success()).isTrue();

        lab.inject(new Fault.PoolDown("edge13.contoso.com"));
        ProbeResult down = lab.probe(federated);
        assertThat(down.success()).isFalse();
        assertThat(down.diagnosis()).isEqualTo("480 Temporarily Unavailable: pool edge13.contoso.com is down");

        lab.setFederationRoute("Redmond", Fqdn.of("edge19.contoso.com"));
        ProbeResult moved = lab.probe(federated);
        assertThat(moved.success()).as(String.valueOf(moved)).isTrue();
        assertThat(moved.target()).isEqualTo("edge19.contoso.com");
    }

    @Test
    void federation_fails_without_a_route_or_to_an_unknown_partner() {
        lab.move(Subject.user(user(3)), Fqdn.of("pool19dub.contoso.com"));
        ProbeResult noRoute = lab.probe(new Probe(ProbeKind.Federated, user(3), "fabrikam.com", null));
        assertThat(noRoute.success()).isFalse();
        assertThat(noRoute.diagnosis())
                .isEqualTo("403 Forbidden: the site of pool19dub.contoso.com has no federation route");

        ProbeResult stranger = lab.probe(new Probe(ProbeKind.Federated, user(1), "northwind.com", null));
        assertThat(stranger.success()).isFalse();
        assertThat(stranger.diagnosis())
                .isEqualTo("403 Forbidden: northwind.com is not a federated partner of this deployment");
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
        assertThat(xmpp.diagnosis())
                .isEqualTo(
                        "501 Not Implemented: Skype for Business Server 2019 does not offer Xmpp (pool19.contoso.com)");
        assertThat(chat.diagnosis())
                .isEqualTo(
                        "501 Not Implemented: Skype for Business Server 2019 does not offer PersistentChat (pool19.contoso.com)");
    }
}
