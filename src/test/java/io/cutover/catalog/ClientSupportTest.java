package io.cutover.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which clients may sign in to which server version, and how client strings are read. */
class ClientSupportTest {
    private static final Catalog CATALOG = Catalog.bundled();
    private static final ClientSupport CLIENTS = CATALOG.clients();

    private static ClientVerdict.Status status(String client, String server) {
        return CLIENTS.verdict(client, CATALOG.version(server)).status();
    }

    @ParameterizedTest(name = "{0} is read as {1} at {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Skype for Business 2016 (16.0.4849.1000)|Skype for Business 2016|16.0.4849.1000",
                "Skype for Business 2019 (16.0.10827.20150)|Skype for Business 2019|16.0.10827.20150",
                "Lync 2010 (4.0.7577.4484)|Lync 2010|4.0.7577.4484",
                "Lync 2013 (15.0.5023.1000)|Lync 2013|15.0.5023.1000",
                "UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business)|Skype for Business 2016|16.0.4849.1000",
                "UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)|Lync 2013|15.0.4569.1503",
                "OC/4.0.7577.4484 (Microsoft Lync 2010)|Lync 2010|4.0.7577.4484",
                "Microsoft Lync 2010 Attendant (4.0.7577.4051)|Lync 2010 Attendant|4.0.7577.4051",
                "LPE/4.0.7577.4487 (Microsoft Lync 2010 Phone Edition)|Lync Phone Edition|4.0.7577.4487",
                "Microsoft Lync for Mac 2011 (14.0.11)|Lync for Mac 2011|14.0.11.0",
                "Skype for Business on Mac (16.29.0.48)|Skype for Business on Mac|16.29.0.48",
                "UCWA/6.24.0.42 iPhoneLync/6.24.0.42 (iOS 14.4)|Skype for Business mobile|6.24.0.42",
                "AndroidLync/4.2.1025.0 (Android 4.1)|Lync 2010 Mobile|4.2.1025.0",
                "  skype for business 2015 (15.0.4701.1000) |Skype for Business 2015|15.0.4701.1000",
            })
    void real_client_strings_are_read_as_their_family_and_build(String text, String family, String build) {
        ClientVersion v = CLIENTS.read(text);
        assertThat(v.family()).isNotNull();
        assertThat(v.family().name()).isEqualTo(family);
        assertThat(v.build()).hasToString(build);
    }

    @Test
    void a_string_naming_no_family_is_unknown_and_never_blocked() {
        for (String text : List.of("Pidgin 2.14 (SIPE)", "", "Teams (1.6.00.1381)")) {
            ClientVerdict v = CLIENTS.verdict(text, CATALOG.version("SE"));
            assertThat(v.client().known()).as(text).isFalse();
            assertThat(v.status()).isEqualTo(ClientVerdict.Status.UNKNOWN);
            assertThat(v.blocked()).isFalse();
        }
    }

    @Test
    void a_bare_user_agent_token_without_a_build_fits_several_families_and_is_unknown() {
        assertThat(CLIENTS.read("iPhoneLync").known()).isFalse();
    }

    @Test
    void the_build_decides_which_lync_a_bare_microsoft_lync_is() {
        assertThat(CLIENTS.read("Microsoft Lync (4.0.7577.4484)").family().name())
                .isEqualTo("Lync 2010");
        assertThat(CLIENTS.read("Microsoft Lync (15.0.4569.1503)").family().name())
                .isEqualTo("Lync 2013");
    }

    @Test
    void subscription_edition_and_2019_let_in_lync_2013_and_later_and_refuse_lync_2010() {
        for (String server : List.of("SE", "2019")) {
            assertThat(status("Lync 2013 (15.0.5023.1000)", server)).isEqualTo(ClientVerdict.Status.SUPPORTED);
            assertThat(status("Skype for Business 2016 (16.0.4849.1000)", server))
                    .isEqualTo(ClientVerdict.Status.SUPPORTED);
            assertThat(status("Skype for Business 2019 (16.0.10827.20150)", server))
                    .isEqualTo(ClientVerdict.Status.SUPPORTED);
            assertThat(status("Lync 2010 (4.0.7577.4484)", server)).isEqualTo(ClientVerdict.Status.NOT_SUPPORTED);
            assertThat(status("Lync Phone Edition (4.0.7577.4487)", server))
                    .isEqualTo(ClientVerdict.Status.NOT_SUPPORTED);
            assertThat(status("Lync for Mac 2011 (14.0.11)", server)).isEqualTo(ClientVerdict.Status.NOT_SUPPORTED);
            assertThat(status("Lync 2010 Mobile (4.2.1025.0)", server)).isEqualTo(ClientVerdict.Status.NOT_SUPPORTED);
        }
    }

    @Test
    void subscription_edition_lets_in_exactly_the_families_2019_does() {
        assertThat(CLIENTS.rules(CATALOG.version("SE"))).isEqualTo(CLIENTS.rules(CATALOG.version("2019")));
    }

    @Test
    void skype_for_business_server_2015_still_lets_in_the_lync_2010_clients_and_the_mac_2011_clients() {
        for (String client : List.of(
                "Lync 2010 (4.0.7577.4484)",
                "Lync Phone Edition (4.0.7577.4487)",
                "Lync 2010 Attendant (4.0.7577.4051)",
                "Lync 2010 Mobile (4.2.1025.0)",
                "Lync for Mac 2011 (14.0.11)",
                "Communicator for Mac 2011 (13.1.4)")) {
            assertThat(status(client, "2015")).as(client).isEqualTo(ClientVerdict.Status.SUPPORTED);
        }
    }

    @Test
    void lync_server_2013_and_2010_let_in_lync_2010_and_the_16_0_clients_and_2010_no_ucwa_client() {
        for (String server : List.of("Lync Server 2013", "Lync Server 2010")) {
            assertThat(status("Lync 2010 (4.0.7577.4484)", server)).isEqualTo(ClientVerdict.Status.SUPPORTED);
            assertThat(status("Skype for Business 2016 (16.0.4849.1000)", server))
                    .isEqualTo(ClientVerdict.Status.SUPPORTED);
            assertThat(status("Skype for Business 2019 (16.0.10827.20150)", server))
                    .isEqualTo(ClientVerdict.Status.SUPPORTED);
        }
        assertThat(status("Skype for Business on Mac (16.29.0.48)", "Lync Server 2013"))
                .isEqualTo(ClientVerdict.Status.SUPPORTED);
        assertThat(status("Skype for Business on Mac (16.29.0.48)", "Lync Server 2010"))
                .isEqualTo(ClientVerdict.Status.NOT_SUPPORTED);
    }

    @Test
    void every_family_a_version_lets_in_is_a_family_the_catalog_reads() {
        List<String> names = CLIENTS.families().stream().map(ClientFamily::name).toList();
        for (ProductVersion v : CATALOG.versions()) {
            assertThat(CLIENTS.rules(v)).as(v.name()).isNotEmpty();
            CLIENTS.rules(v).forEach(r -> assertThat(names).as(v.name()).contains(r.family()));
        }
    }

    @Test
    void a_refused_client_is_told_the_oldest_client_of_its_kind_that_signs_in() {
        ClientVerdict desktop = CLIENTS.verdict("Lync 2010 (4.0.7577.4484)", CATALOG.version("SE"));
        assertThat(desktop.needed()).isEqualTo("Lync 2013 (15.0) or later");
        assertThat(desktop.reason())
                .isEqualTo("Lync 2010 (4.0.7577.4484) cannot sign in to Skype for Business Server Subscription Edition;"
                        + " needs Lync 2013 (15.0) or later");
        assertThat(CLIENTS.verdict("Lync for Mac 2011 (14.0.11)", CATALOG.version("SE"))
                        .needed())
                .isEqualTo("Skype for Business on Mac (16.0) or later");
        assertThat(CLIENTS.verdict("Lync Phone Edition (4.0.7577.4487)", CATALOG.version("SE"))
                        .needed())
                .contains("no device client signs in");
    }

    @Test
    void a_build_below_a_published_minimum_is_refused_with_that_minimum() throws Exception {
        JsonNode root = new ObjectMapper()
                .readTree(
                        "{\"clientFamilies\":[{\"name\":\"Lync 2013\",\"kind\":\"Desktop\",\"major\":15,"
                                + "\"spellings\":[\"lync 2013\"]}],"
                                + "\"versions\":[{\"name\":\"X\",\"clients\":[{\"family\":\"Lync 2013\",\"minimum\":\"15.0.4701.1000\"}]}]}");
        ClientSupport support = ClientSupport.parse(root);
        ProductVersion x = CATALOG.version("SE");
        ProductVersion named = new ProductVersion(
                "X",
                "X",
                9,
                "9.0",
                9,
                x.features(),
                x.removed(),
                1,
                List.of(),
                null,
                "X",
                x.firstBuild(),
                java.util.Map.of());
        assertThat(support.verdict("Lync 2013 (15.0.4569.1503)", named).needed())
                .isEqualTo("Lync 2013 15.0.4701.1000 or later");
        assertThat(support.verdict("Lync 2013 (15.0.5023.1000)", named).blocked())
                .isFalse();
    }
}
