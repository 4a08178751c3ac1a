package io.cutover.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lab's SIP registrar answers a disabled user's REGISTER as a real pool does: 403 Forbidden. */
class DisabledUserSipIT {
    private final Lab lab = DisabledUserTest.lab().startSip(100, 800);

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void the_registrar_refuses_a_disabled_user_with_403_and_registers_an_enabled_one() {
        ProbeResult leaver = lab.probe(Probe.registration(DisabledUserTest.LEAVER));
        ProbeResult alice = lab.probe(Probe.registration(DisabledUserTest.ALICE));

        assertThat(leaver.success()).isFalse();
        assertThat(leaver.diagnosis()).startsWith("403 Forbidden");
        assertThat(alice.success()).as(String.valueOf(alice)).isTrue();
    }
}
