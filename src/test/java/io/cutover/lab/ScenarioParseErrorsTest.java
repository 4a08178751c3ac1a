package io.cutover.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioParseErrorsTest {
    /** A valid scenario; each case replaces one line (1-based) and expects the error there. */
    private static final String BASE = """
            name: Errors
            domain: contoso.com
            epoch: 2024-03-01T09:00:00Z
            sites:
              - name: Redmond
                siteId: 1
                federationRoute: edge.contoso.com
            pools:
              - fqdn: pool.contoso.com
                site: Redmond
                role: FrontEnd
                version: Lync Server 2013
                servers: 2
                users:
                  count: 10
                  name: "user{n:02}"
              - fqdn: edge.contoso.com
                site: Redmond
                role: Edge
                version: Lync Server 2013
                servers: 1
                nextHop: pool.contoso.com
            cms: pool.contoso.com
            faults:
              seed: 1
              inject:
                - {type: poolDown, pool: pool.contoso.com}
            """;

    private static String with(int line, String replacement) {
        List<String> lines = new ArrayList<>(Arrays.asList(BASE.split("\n", -1)));
        lines.set(line - 1, replacement);
        return String.join("\n", lines);
    }

    static Stream<Arguments> defects() {
        return Stream.of(
                Arguments.of(
                        "a YAML syntax error",
                        with(13, "    servers: 2\n   bad: indentation: here"),
                        14,
                        "not valid YAML"),
                Arguments.of("an unterminated quote", with(16, "      name: \"user{n:02}"), 16, "not valid YAML"),
                Arguments.of("an unknown field", with(13, "    serverz: 2"), 13, "pools[0].serverz: unknown field"),
                Arguments.of(
                        "a number that is text",
                        with(15, "      count: ten"),
                        15,
                        "pools[0].users.count: expected a whole number"),
                Arguments.of(
                        "a list where text belongs",
                        with(12, "    version: [2013]"),
                        12,
                        "pools[0].version: expected text"),
                Arguments.of(
                        "a missing required field",
                        with(12, "    # no version"),
                        9,
                        "pools[0].version: missing required field"),
                Arguments.of(
                        "an unknown version",
                        with(12, "    version: Lync Server 2016"),
                        12,
                        "unknown version 'Lync Server 2016'; known: Lync Server 2010, Lync Server 2013, "
                                + "Skype for Business Server 2015, Skype for Business Server 2019"),
                Arguments.of(
                        "an unknown role",
                        with(11, "    role: Frontdoor"),
                        11,
                        "pools[0].role: unknown value 'Frontdoor'; known: FrontEnd"),
                Arguments.of(
                        "a pool in a site that does not exist", with(10, "    site: Paris"), 10, "no site 'Paris'"),
                Arguments.of(
                        "a route to a pool that does not exist",
                        with(7, "    federationRoute: edge2.contoso.com"),
                        7,
                        "sites[0].federationRoute: no pool 'edge2.contoso.com'"),
                Arguments.of(
                        "a route to a Front End",
                        with(7, "    federationRoute: pool.contoso.com"),
                        7,
                        "must point at a deployed Edge pool"),
                Arguments.of(
                        "a next hop that does not exist",
                        with(22, "    nextHop: nowhere.contoso.com"),
                        22,
                        "no pool 'nowhere.contoso.com'"),
                Arguments.of(
                        "a duplicate pool FQDN",
                        with(17, "  - fqdn: POOL.contoso.com"),
                        17,
                        "duplicate pool FQDN 'POOL.contoso.com' (first on line 9)"),
                Arguments.of(
                        "a duplicate field",
                        with(21, "    site: Redmond"),
                        21,
                        "duplicate field 'site' (first on line 18)"),
                Arguments.of(
                        "a user on a pool that does not exist",
                        with(
                                23,
                                "cms: pool.contoso.com\nusers: [{sip: \"sip:x@contoso.com\", pool: nowhere.contoso.com}]"),
                        24,
                        "users[0].pool: no pool 'nowhere.contoso.com'"),
                Arguments.of(
                        "the CMS on an Edge",
                        with(23, "cms: edge.contoso.com"),
                        23,
                        "the CMS must live on a deployed FrontEnd pool"),
                Arguments.of(
                        "a user count beyond the limit",
                        with(15, "      count: 5000000"),
                        15,
                        "must be between 0 and 1000000"),
                Arguments.of("a name pattern without a number", with(16, "      name: \"user\""), 16, "has no {n}"),
                Arguments.of(
                        "a YAML alias", with(16, "      name: *pattern"), 16, "aliases (*pattern) are not supported"),
                Arguments.of(
                        "a fault aimed at a pool that does not exist",
                        with(27, "    - {type: poolDown, pool: gone.contoso.com}"),
                        27,
                        "faults.inject[0].pool: no pool 'gone.contoso.com'"),
                Arguments.of(
                        "an unknown fault type", with(27, "    - {type: explode}"), 27, "unknown fault type 'explode'"),
                Arguments.of(
                        "a stale replica on a server that does not exist",
                        with(27, "    - {type: replicaStale, replica: x.contoso.com}"),
                        27,
                        "faults.inject[0].replica: no server 'x.contoso.com'"),
                Arguments.of(
                        "a field of another fault type",
                        with(27, "    - {type: poolDown, pool: pool.contoso.com, rate: 0.5}"),
                        27,
                        "faults.inject[0].rate: unknown field; known here: type, pool"),
                Arguments.of(
                        "a failure rate above one",
                        with(27, "    - {type: failureRate, operation: move, rate: 1.5}"),
                        27,
                        "expected a number between 0 and 1"),
                Arguments.of(
                        "a site whose name is only spaces", with(5, "  - name: \"   \""), 5, "sites[0].name: is empty"),
                Arguments.of(
                        "users on an Edge pool",
                        with(21, "    servers: 1\n    users: {count: 1, name: x}"),
                        22,
                        "only a FrontEnd pool homes users"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void a_malformed_scenario_names_the_line_and_the_field(String defect, String text, int line, String what) {
        assertThatThrownBy(() -> Scenario.parse(text, "bad.yaml")).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_SCENARIO);
            assertThat(e.getMessage())
                    .startsWith("bad.yaml:" + line + ": ")
                    .contains(what)
                    .doesNotContain("\n");
        });
    }

    @Test
    void the_base_of_the_error_cases_is_itself_valid() {
        assertThat(Scenario.parse(BASE, "base.yaml").pools()).hasSize(2);
    }

    @Test
    void an_empty_file_is_refused() {
        assertThatThrownBy(() -> Scenario.parse("", "empty.yaml")).hasMessage("empty.yaml:1: the file is empty");
    }

    @Test
    void a_file_over_sixteen_megabytes_is_refused_before_parsing() {
        String huge = "#".repeat(Node.MAX_CHARS + 1);
        assertThatThrownBy(() -> Scenario.parse(huge, "huge.yaml")).hasMessageContaining("16 MB");
    }

    @Test
    void a_billion_laughs_bomb_is_refused_at_its_first_alias() {
        String bomb = """
                name: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
                domain: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
                epoch: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
                """;
        assertThatThrownBy(() -> Scenario.parse(bomb, "bomb.yaml"))
                .hasMessageStartingWith("bomb.yaml:2: YAML aliases (*a)");
    }

    @Test
    void a_fault_file_is_checked_by_the_same_rules() {
        assertThatThrownBy(() -> FaultProfile.parse(
                        "seed: 3\ninject:\n  - type: latency\n    operation: teleport\n    millis: 5\n", "f.yaml"))
                .hasMessageStartingWith("f.yaml:4: inject[0].operation: unknown operation 'teleport'")
                .hasMessageContaining("probe:<ProbeKind>");
        assertThatThrownBy(() -> FaultProfile.parse("seed: 3\nfaults: []\n", "f.yaml"))
                .hasMessageStartingWith("f.yaml:2: faults: unknown field");
    }
}
