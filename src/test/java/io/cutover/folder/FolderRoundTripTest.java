package io.cutover.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.catalog.Catalog;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.UnansweredServer;
import io.cutover.lab.Lab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing an inventory as a folder and reading it back gives the same inventory, and the files are Export-Csv's. */
class FolderRoundTripTest {
    private static final Catalog CATALOG = Catalog.bundled();

    @TempDir
    Path tmp;

    private static Inventory example() {
        try (Lab lab = Lab.inMemory(Lab.example(), Clock.systemUTC())) {
            return lab.snapshot();
        }
    }

    @Test
    void the_example_written_and_read_back_is_the_same_inventory_in_any_order() {
        Inventory before = example();
        new FolderWriter(CATALOG)
                .write(
                        tmp.resolve("inv"),
                        before,
                        List.of(new UnansweredServer("x.contoso.com", "Get-CsWindowsService", "timeout")));
        FolderRead read = FolderReader.read(tmp.resolve("inv"), CATALOG);
        assertThat(InventoryOrder.canonical(read.inventory())).isEqualTo(InventoryOrder.canonical(before));
        assertThat(read.unanswered())
                .containsExactly(new UnansweredServer("x.contoso.com", "Get-CsWindowsService", "timeout"));
        assertThat(read.servicesCollected()).isTrue();
        // Not vacuous: the example has what every file carries.
        Inventory in = read.inventory();
        assertThat(in.users()).hasSize(2200);
        assertThat(in.objects()).hasSize(51);
        assertThat(in.meetings()).isNotEmpty();
        assertThat(in.clients()).isNotEmpty();
        assertThat(in.users()).anyMatch(u -> !u.features().isEmpty());
        assertThat(in.policies().bySite()).containsKeys("Redmond", "Dublin");
        assertThat(in.partners()).containsExactly("fabrikam.com");
    }

    @Test
    void the_same_inventory_in_another_order_writes_byte_identical_files() throws IOException {
        Inventory a = example();
        List<io.cutover.inventory.User> reversed = new java.util.ArrayList<>(a.users());
        java.util.Collections.reverse(reversed);
        Inventory b = new Inventory(
                a.sites(),
                a.pools(),
                a.cmsPool(),
                reversed,
                a.objects(),
                a.meetings(),
                a.clients(),
                a.services(),
                a.replicas(),
                a.policies(),
                a.partners(),
                a.serverVersions().stream()
                        .sorted(java.util.Comparator.comparing((io.cutover.inventory.ServerVersion v) -> v.computer())
                                .reversed())
                        .toList());
        new FolderWriter(CATALOG).write(tmp.resolve("a"), a, List.of());
        new FolderWriter(CATALOG).write(tmp.resolve("b"), b, List.of());
        try (var files = Files.list(tmp.resolve("a"))) {
            for (Path f : files.toList()) {
                assertThat(Files.readAllBytes(tmp.resolve("b").resolve(f.getFileName())))
                        .as(f.getFileName().toString())
                        .isEqualTo(Files.readAllBytes(f));
            }
        }
    }

    @Test
    void every_csv_is_written_as_export_csv_no_type_information_encoding_utf8_writes_it() throws IOException {
        new FolderWriter(CATALOG).write(tmp.resolve("inv"), example(), List.of());
        byte[] users = Files.readAllBytes(tmp.resolve("inv/users.csv"));
        assertThat(users[0]).isEqualTo((byte) 0xEF);
        assertThat(users[1]).isEqualTo((byte) 0xBB);
        assertThat(users[2]).isEqualTo((byte) 0xBF);
        String text = new String(users, 3, users.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\"SipAddress\",\"DisplayName\",\"UserPrincipalName\",\"RegistrarPool\",");
        assertThat(text).endsWith("\r\n").doesNotContain("#TYPE");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n");
        String firstRow = text.lines().skip(1).findFirst().orElseThrow();
        assertThat(firstRow)
                .startsWith(
                        "\"sip:dublin0001@contoso.com\",\"Dublin User 0001\",\"dublin0001@contoso.com\",\"sfb15pool-dub.contoso.com\",\"True\",");
    }

    @Test
    void a_folder_is_never_written_over_a_non_empty_directory_and_a_refused_write_leaves_it_as_it_was()
            throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> new FolderWriter(CATALOG).write(dir, example(), List.of()))
                .hasMessageContaining("already exists and is not an empty directory");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("notes.txt");
        }
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("taken");
        }
    }
}
