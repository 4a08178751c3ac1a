package io.cutover.lab;

import static io.cutover.lab.TestScenarios.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Subject;
import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Meeting;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabMoveTest {
    private final Lab lab = TestScenarios.small();

    @Test
    void move_changes_the_home_pool_and_carries_the_users_meetings() {
        Subject alice = Subject.user(user(3));
        assertThat(meetingsOf(lab.snapshot(), user(3)))
                .hasSize(2)
                .allMatch(m -> m.pool().equals(Fqdn.of("pool13.contoso.com")));

        lab.move(alice, Fqdn.of("pool19.contoso.com"));

        assertThat(lab.homeOf(alice)).contains(Fqdn.of("pool19.contoso.com"));
        Inventory after = lab.snapshot();
        assertThat(after.findUser(user(3)).orElseThrow().pool()).isEqualTo(Fqdn.of("pool19.contoso.com"));
        assertThat(meetingsOf(after, user(3)))
                .filteredOn(m -> m.createdUtc().isBefore(TestScenarios.CLOCK.instant()))
                .hasSize(2)
                .allMatch(m -> m.pool().is("pool19.contoso.com"));
        assertThat(after.findUser(user(4)).orElseThrow().pool()).isEqualTo(Fqdn.of("pool13.contoso.com"));
    }

    @Test
    void moving_a_subject_already_on_the_target_does_nothing() {
        lab.move(Subject.user(user(3)), Fqdn.of("pool19.contoso.com"));
        Inventory once = lab.snapshot();
        lab.move(Subject.user(user(3)), Fqdn.of("POOL19.contoso.com"));
        assertThat(lab.snapshot()).isEqualTo(once);
    }

    @Test
    void moving_to_an_edge_pool_fails_permanently_and_names_it() {
        assertThatThrownBy(() -> lab.move(Subject.user(user(3)), Fqdn.of("edge19.contoso.com")))
                .isInstanceOfSatisfying(
                        DeploymentFailure.class,
                        f -> assertThat(f.isTransient()).isFalse())
                .hasMessageContaining("edge19.contoso.com")
                .hasMessageContaining("Edge pool");
        assertThatThrownBy(() -> lab.move(Subject.user(user(3)), Fqdn.of("nowhere.contoso.com")))
                .isInstanceOf(DeploymentFailure.class)
                .hasMessageContaining("nowhere.contoso.com");
    }

    @Test
    void moving_someone_who_does_not_exist_fails_permanently() {
        assertThatThrownBy(() ->
                        lab.move(Subject.user(SipAddress.of("sip:ghost@contoso.com")), Fqdn.of("pool19.contoso.com")))
                .isInstanceOfSatisfying(
                        DeploymentFailure.class,
                        f -> assertThat(f.isTransient()).isFalse())
                .hasMessageContaining("sip:ghost@contoso.com");
    }

    @Test
    void a_user_depending_on_a_removed_feature_cannot_move_to_2019() {
        assertThatThrownBy(() -> lab.move(Subject.user(user(20)), Fqdn.of("pool19.contoso.com")))
                .isInstanceOfSatisfying(
                        DeploymentFailure.class,
                        f -> assertThat(f.isTransient()).isFalse())
                .hasMessageContaining(
                        user(20) + " depends on PersistentChat, which Skype for Business Server 2019 does not offer");
        assertThatThrownBy(() -> lab.move(Subject.user(user(19)), Fqdn.of("pool19.contoso.com")))
                .hasMessageContaining("depends on Xmpp");
        assertThat(lab.homeOf(Subject.user(user(20)))).contains(Fqdn.of("pool13.contoso.com"));
    }

    @Test
    void a_pool_not_yet_deployed_refuses_moves_until_deploy_brings_it_up() {
        assertThat(lab.poolState(Fqdn.of("pool19new.contoso.com"))).isEqualTo(PoolState.NotDeployed);
        assertThatThrownBy(() -> lab.move(Subject.user(user(3)), Fqdn.of("pool19new.contoso.com")))
                .isInstanceOf(DeploymentFailure.class)
                .hasMessageContaining("not deployed");

        lab.deploy(Fqdn.of("pool19new.contoso.com"));
        lab.deploy(Fqdn.of("pool19new.contoso.com"));

        assertThat(lab.poolState(Fqdn.of("pool19new.contoso.com"))).isEqualTo(PoolState.Up);
        assertThat(lab.services(Fqdn.of("pool19new.contoso.com"))).isNotEmpty().allMatch(s -> s.running());
        lab.move(Subject.user(user(3)), Fqdn.of("pool19new.contoso.com"));
        assertThat(lab.homeOf(Subject.user(user(3)))).contains(Fqdn.of("pool19new.contoso.com"));
    }

    @Test
    void moving_between_versions_that_may_not_coexist_fails_permanently() {
        Lab mixed = Lab.inMemory(Scenario.parse(TestScenarios.OLD_AND_NEW, "mixed.yaml"), TestScenarios.CLOCK);
        assertThatThrownBy(() ->
                        mixed.move(Subject.user(SipAddress.of("sip:old1@contoso.com")), Fqdn.of("pool19.contoso.com")))
                .isInstanceOfSatisfying(
                        DeploymentFailure.class,
                        f -> assertThat(f.isTransient()).isFalse())
                .hasMessageContaining("Lync Server 2010 and Skype for Business Server 2019 may not coexist");
    }

    @Test
    void objects_and_the_cms_move_too() {
        Subject phone = new Subject(HomedKind.CommonAreaPhone, "sip:cap-pool13-001@contoso.com");
        Subject rgs = new Subject(HomedKind.RgsConfiguration, "service:ApplicationServer:pool13.contoso.com");
        lab.move(phone, Fqdn.of("pool19.contoso.com"));
        lab.move(rgs, Fqdn.of("pool19.contoso.com"));
        lab.move(Subject.cms(), Fqdn.of("pool19.contoso.com"));

        Inventory after = lab.snapshot();
        assertThat(after.cmsPool()).isEqualTo(Fqdn.of("pool19.contoso.com"));
        assertThat(after.objectsOn(Fqdn.of("pool19.contoso.com")))
                .extracting(o -> o.kind())
                .containsExactlyInAnyOrder(HomedKind.CommonAreaPhone, HomedKind.RgsConfiguration);
        assertThat(lab.homeOf(Subject.cms())).contains(Fqdn.of("pool19.contoso.com"));
    }

    @Test
    void a_move_to_another_site_keeps_per_user_policies_but_changes_the_site_policy_that_applies() {
        lab.move(Subject.user(user(3)), Fqdn.of("pool19dub.contoso.com"));
        Inventory after = lab.snapshot();
        User moved = after.findUser(user(3)).orElseThrow();
        assertThat(moved.policies()).containsEntry(PolicyKind.Conferencing, "ConferencingLarge");
        String site = after.pool(moved.pool()).site();
        assertThat(after.policies().effective(moved, site, PolicyKind.Voice)).isEqualTo("Site:Dublin/DublinVoice");
    }

    @Test
    void users_moved_to_a_newer_version_schedule_meetings_and_upgrade_clients_the_same_way_every_time() {
        Lab other = TestScenarios.small();
        for (int n = 1; n <= 18; n++) {
            lab.move(Subject.user(user(n)), Fqdn.of("pool19.contoso.com"));
            other.move(Subject.user(user(n)), Fqdn.of("pool19.contoso.com"));
        }
        Inventory a = lab.snapshot();
        List<Meeting> scheduled = a.meetings().stream()
                .filter(m -> m.createdUtc().equals(TestScenarios.CLOCK.instant()))
                .toList();
        List<ClientSignIn> upgraded = a.clients().stream()
                .filter(c -> c.clientVersion().startsWith("Skype for Business 2019"))
                .toList();

        assertThat(scheduled)
                .isNotEmpty()
                .hasSizeLessThan(18)
                .allMatch(m -> m.pool().is("pool19.contoso.com"));
        assertThat(upgraded).isNotEmpty().hasSizeLessThan(18);
        assertThat(scheduled).extracting(Meeting::conferenceId).doesNotHaveDuplicates();
        assertThat(other.snapshot()).isEqualTo(a);
    }

    @Test
    void moving_back_to_the_legacy_pool_causes_no_new_activity() {
        lab.move(Subject.user(user(5)), Fqdn.of("pool19.contoso.com"));
        Inventory there = lab.snapshot();
        lab.move(Subject.user(user(5)), Fqdn.of("pool13.contoso.com"));
        Inventory back = lab.snapshot();
        assertThat(back.meetings()).hasSameSizeAs(there.meetings());
        assertThat(back.clients()).isEqualTo(there.clients());
        assertThat(meetingsOf(back, user(5))).allMatch(m -> m.pool().equals(Fqdn.of("pool13.contoso.com")));
    }

    private static List<Meeting> meetingsOf(Inventory inventory, SipAddress sip) {
        return inventory.meetings().stream()
                .filter(m -> m.organizer().equals(sip))
                .toList();
    }
}
