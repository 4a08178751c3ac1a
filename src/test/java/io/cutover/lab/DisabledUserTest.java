package io.cutover.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeKind;
import io.cutover.deployment.ProbeResult;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
import org.junit.jupiter.api.Test;

/** A user disabled for Lync / Skype for Business cannot sign in to the lab, as on a real pool. */
class DisabledUserTest {
    static final String SCENARIO = """
            name: Leavers
            domain: contoso.com
            epoch: 2024-03-01T09:00:00Z
            sites: [{name: Redmond, siteId: 1, federationRoute: edge13.contoso.com}]
            pools:
              - {fqdn: pool13.contoso.com, site: Redmond, role: FrontEnd, version: Lync Server 2013, servers: 1}
              - {fqdn: edge13.contoso.com, site: Redmond, role: Edge, version: Lync Server 2013, servers: 1,
                 nextHop: pool13.contoso.com}
              - {fqdn: pool19.contoso.com, site: Redmond, role: FrontEnd, version: Skype for Business Server 2019, servers: 1}
            users:
              - {sip: "sip:alice@contoso.com", pool: pool13.contoso.com}
              - {sip: "sip:leaver@contoso.com", pool: pool13.contoso.com, disabled: true}
            cms: pool13.contoso.com
            partners: [fabrikam.com]
            """;

    static final SipAddress ALICE = SipAddress.of("sip:alice@contoso.com");
    static final SipAddress LEAVER = SipAddress.of("sip:leaver@contoso.com");

    static Lab lab() {
        return Lab.inMemory(Scenario.parse(SCENARIO, "leavers.yaml"), TestScenarios.CLOCK);
    }

    @Test
    void a_disabled_user_registration_is_refused_with_403_and_an_enabled_one_passes() {
        Lab lab = lab();

        ProbeResult leaver = lab.probe(Probe.registration(LEAVER));

        assertThat(leaver.success()).isFalse();
        assertThat(leaver.diagnosis()).startsWith("403 Forbidden").contains("disabled");
        assertThat(lab.probe(Probe.registration(ALICE)).success()).isTrue();
    }

    @Test
    void a_disabled_user_moves_and_stays_refused_on_the_new_pool() {
        Lab lab = lab();

        lab.move(Subject.user(LEAVER), Fqdn.of("pool19.contoso.com"));

        assertThat(lab.snapshot().findUser(LEAVER).orElseThrow().pool()).isEqualTo(Fqdn.of("pool19.contoso.com"));
        assertThat(lab.probe(Probe.registration(LEAVER)).success()).isFalse();
    }

    @Test
    void a_disabled_user_cannot_be_reached_nor_sign_in_from_outside() {
        Lab lab = lab();

        assertThat(lab.probe(Probe.between(ProbeKind.Im, ALICE, LEAVER)).success())
                .isFalse();
        assertThat(lab.probe(Probe.between(ProbeKind.Im, ALICE, ALICE)).success())
                .isTrue();
        assertThat(lab.usersByPool(10)).extracting(u -> u.sipAddress()).containsExactly(ALICE);
    }
}
