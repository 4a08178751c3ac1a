package io.cutover.lab;

import static io.cutover.lab.TestScenarios.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.Subject;
import io.cutover.deployment.UserState;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabUserDataTest {
    private static final Fqdn POOL19 = Fqdn.of("pool19.contoso.com");

    private static UserState stateOf(Lab lab, SipAddress u) {
        return lab.userStates(List.of(u)).get(0);
    }

    @Test
    void a_user_has_meetings_contacts_and_policies_to_verify_and_an_unknown_user_is_left_out() {
        Lab lab = TestScenarios.small();
        SipAddress nobody = SipAddress.of("sip:nobody@contoso.com");

        List<UserState> states = lab.userStates(List.of(user(1), nobody, user(2)));

        assertThat(states).extracting(UserState::sipAddress).containsExactly(user(1), user(2));
        UserState one = states.get(0);
        assertThat(one.conferenceIds()).hasSize(2);
        assertThat(one.contacts()).isPositive();
        assertThat(one.perUser()).containsKey(io.cutover.inventory.PolicyKind.Conferencing);
        assertThat(one.effective()).isNotEmpty();
    }

    @Test
    void a_plain_move_keeps_everything_the_user_had() {
        Lab lab = TestScenarios.small();
        UserState before = stateOf(lab, user(3));

        lab.move(Subject.user(user(3)), POOL19);

        assertThat(before.differences(stateOf(lab, user(3)))).isEmpty();
    }

    @Test
    void a_move_into_a_pool_that_loses_contacts_and_meetings_names_the_user_and_both_attributes() {
        Lab lab = TestScenarios.small();
        lab.inject(new Fault.LoseOnMove("pool19.contoso.com", Fault.UserData.Contacts));
        lab.inject(new Fault.LoseOnMove("pool19.contoso.com", Fault.UserData.Meetings));
        UserState before = stateOf(lab, user(3));
        UserState untouched = stateOf(lab, user(4));

        lab.move(Subject.user(user(3)), POOL19);

        List<String> lost = before.differences(stateOf(lab, user(3)));
        assertThat(lost).hasSize(2).allMatch(l -> l.startsWith(user(3).text() + ": "));
        assertThat(lost).anyMatch(l -> l.contains("contacts was " + before.contacts() + ", now 0"));
        assertThat(lost).anyMatch(l -> l.contains("meetings: 2 of 2 lost"));
        assertThat(untouched.differences(stateOf(lab, user(4)))).isEmpty();
    }

    @Test
    void each_kind_of_lost_data_is_named_and_restoring_puts_it_all_back() {
        Lab lab = TestScenarios.small();
        for (Fault.UserData d : Fault.UserData.values()) {
            lab.inject(new Fault.LoseOnMove("pool19.contoso.com", d));
        }
        lab.inject(new Fault.DropPolicyOnMove("pool19.contoso.com", io.cutover.inventory.PolicyKind.Conferencing));
        SipAddress voiceUser = java.util.stream.IntStream.rangeClosed(1, 20)
                .mapToObj(TestScenarios::user)
                .filter(u -> stateOf(lab, u).enterpriseVoice()
                        && stateOf(lab, u).perUser().size() > 0)
                .findFirst()
                .orElseThrow();
        UserState before = stateOf(lab, voiceUser);
        lab.move(Subject.user(voiceUser), POOL19);
        assertThat(String.join("\n", before.differences(stateOf(lab, voiceUser))))
                .contains("contacts", "meetings", "LineURI", "EnterpriseVoiceEnabled", "per-user ConferencingPolicy");

        lab.restore(before);

        assertThat(before.differences(stateOf(lab, voiceUser))).isEmpty();
        assertThat(lab.homeOf(Subject.user(voiceUser))).contains(POOL19);
    }

    @Test
    void restoring_a_user_the_lab_does_not_have_fails_permanently() {
        Lab lab = TestScenarios.small();
        UserState ghost = new UserState(
                SipAddress.of("sip:ghost@contoso.com"),
                java.util.Map.of(),
                java.util.Map.of(),
                null,
                false,
                List.of(),
                null,
                3,
                null);

        assertThatThrownBy(() -> lab.restore(ghost))
                .isInstanceOf(DeploymentFailure.class)
                .hasMessageContaining("ghost");
    }

    @Test
    void a_loss_fault_reads_from_a_fault_file_and_names_its_pool() {
        FaultProfile p = FaultProfile.parse(
                "seed: 1\ninject:\n  - {type: loseOnMove, pool: pool19.contoso.com, data: contacts}\n", "f.yaml");

        assertThat(p.faults()).containsExactly(new Fault.LoseOnMove("pool19.contoso.com", Fault.UserData.Contacts));
        assertThat(p.faults().get(0).describe()).contains("pool19.contoso.com", "contacts");
    }
}
