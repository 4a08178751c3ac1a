package io.cutover.folder;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Catalog;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.lab.Lab;
import io.cutover.lab.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** versions.csv tells Subscription Edition from 2019, which the topology cannot. */
class VersionsCsvTest {
    private static final Catalog CATALOG = Catalog.bundled();
    private static final Path EXAMPLE = Path.of("examples/subscription-edition/scenario.yaml");

    @TempDir
    Path tmp;

    private Path exported() throws IOException {
        Scenario s = Scenario.parse(Files.readString(EXAMPLE, StandardCharsets.UTF_8), EXAMPLE.toString());
        try (Lab lab = Lab.inMemory(s, Clock.systemUTC())) {
            new FolderWriter(CATALOG).write(tmp, lab.snapshot(), List.of());
        }
        return tmp;
    }

    private static String version(Inventory inv, String pool) {
        return inv.pool(Fqdn.of(pool)).version();
    }

    @Test
    void with_versions_csv_the_se_pools_are_se_and_the_2019_pools_2019() throws IOException {
        Inventory inv = FolderReader.read(exported(), CATALOG).inventory();
        assertThat(version(inv, "sepool-lis.fabrikam.com")).isEqualTo("Skype for Business Server Subscription Edition");
        assertThat(version(inv, "sfb19pool-lis.fabrikam.com")).isEqualTo("Skype for Business Server 2019");
        assertThat(inv.serverVersions()).isNotEmpty();
    }

    @Test
    void a_build_revision_alone_is_enough_to_tell_se() throws IOException {
        Path dir = exported();
        Path csv = dir.resolve("versions.csv");
        Files.writeString(
                csv,
                "\"ComputerName\",\"Product\",\"Version\",\"Source\"\r\n"
                        + "\"sepool-lis-fe1.fabrikam.com\",\"\",\"7.0.2046.826\",\"Get-CsServerVersion\"\r\n",
                StandardCharsets.UTF_8);
        Inventory inv = FolderReader.read(dir, CATALOG).inventory();
        assertThat(inv.pool(Fqdn.of("sepool-lis.fabrikam.com")).servers())
                .contains(Fqdn.of("sepool-lis-fe1.fabrikam.com"));
        assertThat(version(inv, "sepool-lis.fabrikam.com")).isEqualTo("Skype for Business Server Subscription Edition");
        assertThat(version(inv, "sepool-osl.fabrikam.com")).isEqualTo("Skype for Business Server 2019");
    }

    @Test
    void without_versions_csv_every_7_0_pool_reads_as_2019() throws IOException {
        Path dir = exported();
        Files.delete(dir.resolve("versions.csv"));
        Inventory inv = FolderReader.read(dir, CATALOG).inventory();
        assertThat(version(inv, "sepool-lis.fabrikam.com")).isEqualTo("Skype for Business Server 2019");
        assertThat(inv.serverVersions()).isEmpty();
    }
}
