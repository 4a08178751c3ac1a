package io.cutover.assess;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Catalog;
import io.cutover.catalog.Feature;
import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.SiteKind;
import io.cutover.inventory.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How many users per legacy pool last signed in with a client the target refuses: a finding, not a blocker. */
class ClientFindingsTest {
    private static final Catalog CATALOG = Catalog.bundled();
    private static final Instant T0 = Instant.parse("2024-03-01T09:00:00Z");

    private static Pool fe(String fqdn, String version) {
        return new Pool(Fqdn.of(fqdn), "Dublin", PoolRole.FrontEnd, version, List.of(Fqdn.of("srv." + fqdn)), null);
    }

    /** pool15 (2015) with ten users, pool13 (Lync 2013) with two; an SE pool beside them. */
    private static Assessment assess(List<ClientSignIn> clients) {
        List<User> users = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            users.add(new User(sip("a" + n), null, Fqdn.of("pool15.x.com"), Map.of(), Set.of(), false));
        }
        users.add(new User(sip("b1"), null, Fqdn.of("pool13.x.com"), Map.of(), Set.of(), false));
        users.add(
                new User(sip("chat"), null, Fqdn.of("pool13.x.com"), Map.of(), Set.of(Feature.PersistentChat), false));
        Inventory inv = new Inventory(
                List.of(new Site("Dublin", 1, SiteKind.CentralSite, null, null)),
                List.of(
                        fe("pool15.x.com", "Skype for Business Server 2015"),
                        fe("pool13.x.com", "Lync Server 2013"),
                        fe("se.x.com", "Skype for Business Server Subscription Edition")),
                null,
                users,
                List.of(),
                List.of(),
                clients,
                List.of(),
                List.of(),
                null,
                List.of());
        return Assessor.assess(inv, CATALOG, CATALOG.version("SE"), List.of());
    }

    private static SipAddress sip(String name) {
        return SipAddress.of("sip:" + name + "@x.com");
    }

    private static List<Assessment.Finding> findings(Assessment a, Assessment.FindingCode code) {
        return a.findings().stream().filter(f -> f.code() == code).toList();
    }

    @Test
    void each_legacy_pool_gets_one_warning_counting_its_users_on_a_refused_client_by_family() {
        Assessment a = assess(List.of(
                new ClientSignIn(sip("a1"), "Lync 2010 (4.0.7577.4484)", T0),
                new ClientSignIn(sip("a2"), "Lync 2010 (4.0.7577.4484)", T0),
                new ClientSignIn(sip("a3"), "Lync for Mac 2011 (14.0.11)", T0),
                new ClientSignIn(sip("a4"), "Skype for Business 2016 (16.0.4849.1000)", T0),
                new ClientSignIn(sip("b1"), "Lync 2010 (4.0.7577.4484)", T0),
                // Retained for Persistent Chat already: counted there, not here.
                new ClientSignIn(sip("chat"), "Lync 2010 (4.0.7577.4484)", T0)));

        List<Assessment.Finding> found = findings(a, Assessment.FindingCode.CLIENT_NOT_SUPPORTED);
        assertThat(found).extracting(Assessment.Finding::subject).containsExactly("pool13.x.com", "pool15.x.com");
        assertThat(found).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Assessment.Severity.WARNING));
        assertThat(found.get(0).message()).startsWith("1 user on pool13.x.com ").contains("Lync 2010 x1");
        assertThat(found.get(1).message())
                .startsWith("3 users on pool15.x.com last signed in with a client Skype for Business Server"
                        + " Subscription Edition does not let sign in (Lync 2010 x2, Lync for Mac 2011 x1;")
                .contains("Lync 2013 (15.0) or later")
                .contains("Skype for Business on Mac (16.0) or later")
                .contains("--old-clients fail");
    }

    @Test
    void the_clients_do_not_change_readiness() {
        Assessment without = assess(List.of());
        Assessment with = assess(List.of(new ClientSignIn(sip("a1"), "Lync 2010 (4.0.7577.4484)", T0)));

        assertThat(with.ready()).isEqualTo(without.ready());
        assertThat(with.pools()).isEqualTo(without.pools());
    }

    @Test
    void unrecognised_clients_are_counted_as_information_and_supported_ones_not_at_all() {
        Assessment a = assess(List.of(
                new ClientSignIn(sip("a1"), "Pidgin 2.14 (SIPE)", T0),
                new ClientSignIn(sip("a2"), "Pidgin 2.14 (SIPE)", T0),
                new ClientSignIn(sip("a3"), "Lync 2013 (15.0.5023.1000)", T0)));

        assertThat(findings(a, Assessment.FindingCode.CLIENT_NOT_SUPPORTED)).isEmpty();
        assertThat(findings(a, Assessment.FindingCode.CLIENT_UNKNOWN))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Assessment.Severity.INFO);
                    assertThat(f.message())
                            .startsWith("2 users on pool15.x.com ")
                            .contains("Pidgin 2.14 (SIPE) x2");
                });
    }
}
