package io.cutover.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Feature;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.User;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScenarioExpansionTest {
    private static final String SCENARIO = """
            name: Expansion
            domain: fabrikam.org
            epoch: 2024-03-01T09:00:00Z
            sites: [{name: Oslo, siteId: 7, kind: BranchSite}]
            pools:
              - fqdn: fe.fabrikam.org
                site: Oslo
                role: FrontEnd
                version: "6.0"
                servers: [a.fabrikam.org, b.fabrikam.org]
                staleReplicas: [b.fabrikam.org]
                users:
                  count: 30
                  name: "u{n:03}"
                  displayName: "User number {n}"
                  test: 4
                  policies:
                    - {kind: Voice, policy: V1, every: 10, from: 5}
                    - {kind: Voice, policy: V2, from: 25, count: 1}
                  features: [{feature: Voice, every: 7, count: 2}]
                  meetings: [{perUser: 1, every: 2}, {perUser: 2, from: 30}]
                objects: {ConferenceDirectory: 2, CallParkOrbit: 1}
              - {fqdn: fe2.fabrikam.org, site: Oslo, role: FrontEnd, version: Lync 2013, servers: 1,
                 objects: {ConferenceDirectory: 1}}
              - {fqdn: new.fabrikam.org, site: Oslo, role: FrontEnd, version: SfB 2019, servers: 2, deployed: false}
            cms: fe.fabrikam.org
            users:
              - {sip: "sip:boss@fabrikam.org", pool: fe2.fabrikam.org, test: true, policies: {Conferencing: Exec},
                 features: [PersistentChat], meetings: 3, client: "Lync 2013 (15.0.5023.1000)"}
            """;

    private final Inventory inventory =
            Scenario.parse(SCENARIO, "expansion.yaml").inventory();

    @Test
    void users_are_numbered_from_one_with_padded_names_and_the_first_ones_are_test_users() {
        assertThat(inventory.usersOn(Fqdn.of("fe.fabrikam.org")))
                .hasSize(30)
                .extracting(u -> u.sipAddress().text())
                .startsWith("sip:u001@fabrikam.org", "sip:u002@fabrikam.org")
                .endsWith("sip:u030@fabrikam.org");
        assertThat(inventory.usersOn(Fqdn.of("fe.fabrikam.org")))
                .filteredOn(User::test)
                .extracting(u -> u.sipAddress().text())
                .containsExactly(
                        "sip:u001@fabrikam.org",
                        "sip:u002@fabrikam.org",
                        "sip:u003@fabrikam.org",
                        "sip:u004@fabrikam.org");
        assertThat(inventory.findUser("sip:u012@fabrikam.org").orElseThrow().displayName())
                .isEqualTo("User number 12");
    }

    @Test
    void picks_select_from_every_and_count_and_a_later_policy_rule_wins() {
        assertThat(IntStream.rangeClosed(1, 30).filter(n -> voice(n) != null).boxed())
                .containsExactly(5, 15, 25);
        assertThat(voice(15)).isEqualTo("V1");
        assertThat(voice(25)).isEqualTo("V2");
        assertThat(inventory.users())
                .filteredOn(u -> u.features().contains(Feature.Voice))
                .extracting(u -> u.sipAddress().text())
                .containsExactly("sip:u001@fabrikam.org", "sip:u008@fabrikam.org");
    }

    @Test
    void meeting_rules_add_up_and_meetings_are_created_before_the_epoch() {
        assertThat(inventory.meetings())
                .filteredOn(m -> m.organizer().is("sip:u029@fabrikam.org"))
                .hasSize(1);
        assertThat(inventory.meetings())
                .filteredOn(m -> m.organizer().is("sip:u030@fabrikam.org"))
                .hasSize(2);
        assertThat(inventory.meetings())
                .filteredOn(m -> m.organizer().is("sip:u002@fabrikam.org"))
                .isEmpty();
        assertThat(inventory.meetings()).allMatch(m -> m.createdUtc().isBefore(Instant.parse("2024-03-01T09:00:00Z")));
        assertThat(inventory.meetings())
                .extracting(m -> m.organizer() + m.conferenceId())
                .doesNotHaveDuplicates();
    }

    @Test
    void users_written_out_are_homed_where_they_say_with_their_meetings_and_client() {
        User boss = inventory.findUser("sip:boss@fabrikam.org").orElseThrow();
        assertThat(boss.pool()).isEqualTo(Fqdn.of("fe2.fabrikam.org"));
        assertThat(boss.test()).isTrue();
        assertThat(boss.policies()).containsEntry(PolicyKind.Conferencing, "Exec");
        assertThat(boss.features()).containsExactly(Feature.PersistentChat);
        assertThat(inventory.meetings())
                .filteredOn(m -> m.organizer().equals(boss.sipAddress()))
                .hasSize(3)
                .allMatch(m -> m.pool().is("fe2.fabrikam.org"));
        assertThat(inventory.clients())
                .filteredOn(c -> c.sipAddress().equals(boss.sipAddress()))
                .hasSize(1);
    }

    @Test
    void servers_replicas_and_services_follow_the_pools() {
        assertThat(inventory.pool("fe.fabrikam.org").version()).isEqualTo("Skype for Business Server 2015");
        assertThat(inventory.pool("new.fabrikam.org").servers())
                .extracting(Fqdn::text)
                .containsExactly("new-fe1.fabrikam.org", "new-fe2.fabrikam.org");
        assertThat(inventory.replicas())
                .extracting(r -> r.fqdn() + "=" + r.upToDate())
                .containsExactly("a.fabrikam.org=true", "b.fabrikam.org=false", "fe2-fe1.fabrikam.org=true");
        assertThat(inventory.services())
                .filteredOn(s -> s.pool().equals(Fqdn.of("new.fabrikam.org")))
                .isNotEmpty()
                .noneMatch(ServiceState::running);
        assertThat(inventory.services())
                .filteredOn(s -> s.computer().equals(Fqdn.of("a.fabrikam.org")))
                .extracting(ServiceState::name)
                .containsExactly("RTCSRV", "RTCAVMCU", "RTCIMMCU", "RTCASMCU", "RTCDATAMCU", "RTCREPLICA");
        assertThat(inventory.replicas()).extracting(r -> r.fqdn().text()).doesNotContain("new-fe1.fabrikam.org");
    }

    @Test
    void conference_directories_are_numbered_across_the_topology() {
        assertThat(inventory.objects())
                .filteredOn(o -> o.kind() == HomedKind.ConferenceDirectory)
                .extracting(o -> o.identity() + "@" + o.pool())
                .containsExactly("1@fe.fabrikam.org", "2@fe.fabrikam.org", "3@fe2.fabrikam.org");
        assertThat(inventory.objects())
                .filteredOn(o -> o.kind() == HomedKind.CallParkOrbit)
                .extracting(HomedObject::identity)
                .containsExactly("fe orbit 001");
    }

    private String voice(int n) {
        return inventory
                .findUser(String.format("sip:u%03d@fabrikam.org", n))
                .orElseThrow()
                .policies()
                .get(PolicyKind.Voice);
    }
}
