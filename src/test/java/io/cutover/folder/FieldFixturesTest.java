package io.cutover.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.assess.Assessment;
import io.cutover.assess.Assessor;
import io.cutover.catalog.Catalog;
import io.cutover.check.CoexistenceMatrix;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.User;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Planner;
import io.cutover.plan.Step;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field fixtures (src/test/resources/field, each with the expected.md it is checked against):
 * inventories as real deployments write them, read, assessed and planned as their expected.md says.
 */
class FieldFixturesTest {
    private static final Catalog CATALOG = Catalog.bundled();
    private static final String SFB2019 = "Skype for Business Server 2019";

    @TempDir
    Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(FieldFixturesTest.class
                    .getResource("/field/" + name + "/inventory")
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path copy(String name, String as) throws IOException {
        Path to = tmp.resolve(as);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(fixture(name))) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    private static Assessment assess(Path dir) {
        FolderRead read = FolderReader.read(dir, CATALOG);
        return Assessor.assess(
                read.inventory(),
                CATALOG,
                CATALOG.version(SFB2019),
                read.unanswered(),
                read.unhomed(),
                CATALOG.reviewed());
    }

    private static String usersCsv(Path dir) throws IOException {
        byte[] b = Files.readAllBytes(dir.resolve("users.csv"));
        return b[0] == (byte) 0xFF
                ? new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE)
                : new String(b, StandardCharsets.UTF_8);
    }

    // ---- utf16-export ------------------------------------------------------------------------

    @Test
    void a_utf16_users_file_is_assessed_exactly_as_the_same_folder_in_utf8() throws IOException {
        Path utf8 = copy("utf16-export", "utf8");
        Files.writeString(utf8.resolve("users.csv"), usersCsv(fixture("utf16-export")), StandardCharsets.UTF_8);

        Assessment fromUtf16 = assess(fixture("utf16-export"));

        assertThat(fromUtf16).isEqualTo(assess(utf8));
        assertThat(fromUtf16.summary().users()).isEqualTo(4);
        assertThat(FolderReader.read(fixture("utf16-export"), CATALOG)
                        .inventory()
                        .users())
                .extracting(User::displayName)
                .contains("Jürgen Müller");
    }

    @Test
    void a_topology_and_a_sites_file_in_utf16_big_endian_are_read_as_in_utf8() throws IOException {
        Path be = copy("utf16-export", "be");
        for (String file : List.of("topology.xml", "sites.csv")) {
            String text =
                    Files.readString(be.resolve(file), StandardCharsets.UTF_8).replace("\uFEFF", "");
            byte[] body = text.getBytes(StandardCharsets.UTF_16BE);
            byte[] withMark = new byte[body.length + 2];
            withMark[0] = (byte) 0xFE;
            withMark[1] = (byte) 0xFF;
            System.arraycopy(body, 0, withMark, 2, body.length);
            Files.write(be.resolve(file), withMark);
        }

        assertThat(assess(be)).isEqualTo(assess(fixture("utf16-export")));
    }

    @Test
    void an_ascii_export_that_turned_letters_into_question_marks_is_refused_with_file_line_and_the_re_export()
            throws IOException {
        Path ascii = copy("utf16-export", "ascii");
        String lossy = usersCsv(fixture("utf16-export")).replaceAll("[^\\x00-\\x7F]", "?");
        Files.writeString(ascii.resolve("users.csv"), lossy, StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> FolderReader.read(ascii, CATALOG))
                .isInstanceOf(CutoverException.class)
                .hasMessageStartingWith("users.csv:6: column DisplayName is 'J?rgen M?ller'")
                .hasMessageContaining("Export-Csv -NoTypeInformation -Encoding UTF8");
    }

    @Test
    void a_question_mark_in_a_sip_address_is_refused_as_a_lossy_export_never_taken_as_data() throws IOException {
        Path ascii = copy("utf16-export", "sip");
        String lossy = usersCsv(fixture("utf16-export")).replace("sip:jurgen.muller@", "sip:j?rgen.m?ller@");
        Files.writeString(ascii.resolve("users.csv"), lossy, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FolderReader.read(ascii, CATALOG))
                .hasMessageStartingWith("users.csv:6: column SipAddress is 'sip:j?rgen.m?ller@contoso.com'")
                .hasMessageContaining("ASCII export");
    }

    // ---- users-without-registrar-pool ----------------------------------------------------------

    @Test
    void users_without_a_registrar_pool_are_counted_online_and_unassigned_and_change_no_verdict_or_pool_figure()
            throws IOException {
        Path without = copy("users-without-registrar-pool", "without");
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(without.resolve("users.csv"), StandardCharsets.UTF_8)) {
            if (!line.contains("cloud01") && !line.contains("unassigned01")) {
                kept.add(line);
            }
        }
        Files.write(without.resolve("users.csv"), kept, StandardCharsets.UTF_8);

        Assessment a = assess(fixture("users-without-registrar-pool"));
        Assessment b = assess(without);

        assertThat(a.summary().online()).isEqualTo(1);
        assertThat(a.summary().unassigned()).isEqualTo(1);
        assertThat(b.summary().online() + b.summary().unassigned()).isZero();
        assertThat(a.ready()).isEqualTo(b.ready());
        assertThat(a.pools()).isEqualTo(b.pools());
        assertThat(a.findings()).isEqualTo(b.findings());
        assertThat(a.summary().users()).isEqualTo(b.summary().users()).isEqualTo(3);
    }

    @Test
    void users_without_a_registrar_pool_are_homed_on_no_pool_and_never_planned() {
        FolderRead read = FolderReader.read(fixture("users-without-registrar-pool"), CATALOG);

        assertThat(read.unhomed())
                .extracting(u -> u.sipAddress().text(), User::pool, User::online)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sip:cloud01@contoso.com", null, true),
                        org.assertj.core.groups.Tuple.tuple("sip:unassigned01@contoso.com", null, false));
        assertThat(read.inventory().users()).noneMatch(u -> u.pool() == null);
        String plan = Planner.plan(read.inventory(), CATALOG, PlanOptions.defaults(SFB2019), "field")
                .toString();
        assertThat(plan).doesNotContain("cloud01").doesNotContain("unassigned01");
    }

    // ---- disabled-users ----------------------------------------------------------------------

    private static final List<String> LEAVERS =
            List.of("sip:adm-leaver01@contoso.com", "sip:adm-leaver02@contoso.com", "sip:adm-leaver03@contoso.com");

    @Test
    void disabled_users_are_counted_per_pool() {
        Assessment a = assess(fixture("disabled-users"));

        assertThat(a.summary().disabled()).isEqualTo(3);
        assertThat(a.pools())
                .filteredOn(p -> p.fqdn().equals("lyncpool01.contoso.com"))
                .extracting(Assessment.PoolReport::users, Assessment.PoolReport::disabled)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(42, 3));
    }

    @Test
    void disabled_users_move_in_a_production_wave_before_their_pool_goes_and_are_never_pilots_or_probe_subjects() {
        FolderRead read = FolderReader.read(fixture("disabled-users"), CATALOG);
        Plan plan = Planner.plan(read.inventory(), CATALOG, PlanOptions.defaults(SFB2019), "field");

        List<String> pilots = new ArrayList<>();
        List<String> production = new ArrayList<>();
        int lastLeaverMove = -1;
        int decommission = -1;
        for (int i = 0; i < plan.steps().size(); i++) {
            Step s = plan.steps().get(i);
            if (s instanceof Step.MoveBatch b) {
                List<String> ids = b.moves().stream().map(m -> m.subject().id()).toList();
                (b.phase() == Phase.Pilot ? pilots : production).addAll(ids);
                if (ids.stream().anyMatch(LEAVERS::contains)) {
                    lastLeaverMove = i;
                }
            } else if (s instanceof Step.Gate g) {
                assertThat(String.valueOf(g.checks())).as(g.id()).doesNotContain("adm-leaver");
            } else if (s instanceof Step.Decommission d && d.target().equals(Fqdn.of("lyncpool01.contoso.com"))) {
                decommission = i;
            }
        }

        assertThat(pilots).isNotEmpty().doesNotContainAnyElementsOf(LEAVERS);
        assertThat(production).containsAll(LEAVERS);
        assertThat(decommission).isGreaterThan(lastLeaverMove).isPositive();
    }

    @Test
    void a_disabled_user_is_never_a_pool_representative_in_the_coexistence_matrix() {
        FolderRead read = FolderReader.read(fixture("disabled-users"), CATALOG);

        String matrix = String.valueOf(CoexistenceMatrix.of(read.inventory(), CATALOG));

        assertThat(matrix).contains("sip:user01@contoso.com").doesNotContain("adm-leaver");
    }

    @Test
    void a_disabled_user_named_as_a_pilot_is_refused() {
        FolderRead read = FolderReader.read(fixture("disabled-users"), CATALOG);
        PlanOptions options = new PlanOptions(SFB2019, 0, List.of("sip:adm-leaver02@contoso.com"), List.of(100), 10);

        assertThatThrownBy(() -> Planner.plan(read.inventory(), CATALOG, options, "field"))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("sip:adm-leaver02@contoso.com is disabled")
                .satisfies(e -> assertThat(((CutoverException) e).code()).isEqualTo(ErrorCode.BAD_INPUT));
    }
}
