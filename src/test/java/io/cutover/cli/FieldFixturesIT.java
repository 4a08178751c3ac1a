package io.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The field fixtures (src/test/resources/field) through the command line: each folder is read
 * (never exit 2), planned from its twin (exit 0), and a rehearsal from it finishes, as its
 * expected.md says.
 */
class FieldFixturesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(FieldFixturesIT.class
                        .getResource("/field/" + name + "/inventory")
                        .toURI())
                .toString();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "utf16-export",
                "disabled-users",
                "users-without-registrar-pool",
                "branch-site-sba",
                "xmpp-route-on-legacy-edge"
            })
    void the_folder_is_assessed_planned_from_its_twin_and_rehearsed_to_the_end(String name)
            throws URISyntaxException, IOException {
        String folder = fixture(name);
        Invocation assessed = Invocation.cutover("assess", folder, "--json", "--target", "2019");
        // Ready, as the rehearsal below finishes: an assessment that says ready never yields a plan
        // that stops at a drain check.
        assertThat(assessed.exitCode()).as(assessed.err()).isZero();
        String ws = tmp.resolve("ws").toString();
        Invocation.cutover("lab", "import", folder, "--workspace", ws).ok();
        // The fixtures' newest pools run Skype for Business Server 2019, the target they were made for.
        Invocation.cutover("plan", "--workspace", ws, "--target", "2019").ok();

        Invocation rehearsal = Invocation.cutover(
                        "rehearse",
                        "--from",
                        folder,
                        "--workspace",
                        tmp.resolve("rehearsal").toString(),
                        "--target",
                        "2019",
                        "--json")
                .ok();

        JsonNode r = JSON.readTree(rehearsal.out());
        assertThat(r.get("outcome").asText()).isEqualTo("finished");
        assertThat(r.get("checksPassed").asInt())
                .isEqualTo(r.get("checksTotal").asInt())
                .isPositive();
        List<String> decommissioned = new ArrayList<>();
        r.get("decommissioned").forEach(n -> decommissioned.add(n.asText()));
        assertThat(decommissioned).contains("lyncpool01.contoso.com");
        assertThat(Files.readString(Path.of(ws, "plan.json"))).doesNotContain("cloud01", "unassigned01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"disabled-users", "users-without-registrar-pool"})
    void assess_reports_users_without_a_pool_and_disabled_users_in_words(String name) throws URISyntaxException {
        Invocation assessed = Invocation.cutover("assess", fixture(name));

        assertThat(assessed.out())
                .contains(
                        name.equals("disabled-users")
                                ? "online 0, unassigned 0 (never moved); disabled users: 3"
                                : "online 1, unassigned 1 (never moved); disabled users: 0");
    }
}
