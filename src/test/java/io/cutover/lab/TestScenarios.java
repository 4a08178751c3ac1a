package io.cutover.lab;

import io.cutover.inventory.SipAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Small scenarios whose every user and pool a test can name. */
final class TestScenarios {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-05T10:00:00Z"), ZoneOffset.UTC);

    private TestScenarios() {}

    /**
     * Redmond: a Lync 2013 pool (pool13) with 20 users, its Edge, a 2019 pool and Edge, and a 2019
     * pool not yet deployed. Dublin: one 2019 pool, no routes. user01 and user02 are test users;
     * odd users have a per-user Conferencing policy; user19 depends on Xmpp, user20 on Persistent
     * Chat; every user organizes two meetings.
     */
    static final String SMALL = """
            name: Small
            domain: contoso.com
            epoch: 2024-03-01T09:00:00Z
            policies: {Conferencing: Default, Voice: Default}
            sites:
              - {name: Redmond, siteId: 1, federationRoute: edge13.contoso.com, xmppFederationRoute: edge13.contoso.com,
                 policies: {Conferencing: RedmondConferencing}}
              - {name: Dublin, siteId: 2, policies: {Voice: DublinVoice}}
            pools:
              - fqdn: pool13.contoso.com
                site: Redmond
                role: FrontEnd
                version: Lync Server 2013
                servers: 2
                users:
                  count: 20
                  name: "user{n:02}"
                  displayName: "User {n}"
                  test: 2
                  policies:
                    - {kind: Conferencing, policy: ConferencingLarge, every: 2}
                  features:
                    - {feature: Xmpp, from: 19, count: 1}
                    - {feature: PersistentChat, from: 20}
                  meetings:
                    - {perUser: 2}
                  clients:
                    - {version: "Lync 2013 (15.0.5023.1000)"}
                objects: {CommonAreaPhone: 2, MeetingRoom: 1, RgsConfiguration: 1}
              - {fqdn: edge13.contoso.com, site: Redmond, role: Edge, version: Lync Server 2013, servers: 1,
                 nextHop: pool13.contoso.com}
              - {fqdn: pool19.contoso.com, site: Redmond, role: FrontEnd, version: Skype for Business Server 2019, servers: 2}
              - {fqdn: edge19.contoso.com, site: Redmond, role: Edge, version: Skype for Business Server 2019, servers: 1,
                 nextHop: pool19.contoso.com}
              - {fqdn: pool19new.contoso.com, site: Redmond, role: FrontEnd, version: Skype for Business Server 2019,
                 servers: 1, deployed: false}
              - {fqdn: pool19dub.contoso.com, site: Dublin, role: FrontEnd, version: Skype for Business Server 2019, servers: 1}
            cms: pool13.contoso.com
            partners: [fabrikam.com]
            activity: {seed: 5, newMeeting: 0.5, clientUpgrade: 0.5, upgradedClient: "Skype for Business 2019 (16.0.10827.20150)"}
            """;

    /** A Lync Server 2010 pool and a Skype for Business Server 2019 pool, which may not coexist. */
    static final String OLD_AND_NEW = """
            name: Old and new
            domain: contoso.com
            epoch: 2024-03-01T09:00:00Z
            sites: [{name: Redmond, siteId: 1}]
            pools:
              - {fqdn: pool10.contoso.com, site: Redmond, role: FrontEnd, version: Lync Server 2010, servers: 1,
                 users: {count: 2, name: "old{n}"}}
              - {fqdn: pool19.contoso.com, site: Redmond, role: FrontEnd, version: Skype for Business Server 2019, servers: 1,
                 users: {count: 2, name: "new{n}"}}
            cms: pool10.contoso.com
            """;

    static Lab small() {
        return Lab.inMemory(Scenario.parse(SMALL, "small.yaml"), CLOCK);
    }

    static SipAddress user(int n) {
        return SipAddress.of(String.format("sip:user%02d@contoso.com", n));
    }
}
