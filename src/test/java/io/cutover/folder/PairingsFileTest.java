package io.cutover.folder;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Catalog;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.lab.Lab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup pairings read from pairings.csv, where the collect script writes what Get-CsPoolBackupRelationship says. */
class PairingsFileTest {
    private static final Catalog CATALOG = Catalog.bundled();

    @TempDir
    Path tmp;

    private static Inventory example() {
        try (Lab lab = Lab.inMemory(Lab.example(), Clock.systemUTC())) {
            return lab.snapshot();
        }
    }

    private static List<Pool> frontEnds(Inventory inv) {
        return inv.pools().stream()
                .filter(p -> p.role() == PoolRole.FrontEnd)
                .sorted(java.util.Comparator.comparing(Pool::fqdn))
                .toList();
    }

    @Test
    void a_pairing_written_by_the_folder_writer_is_read_back_on_both_partners() {
        Inventory inv = example();
        Pool a = frontEnds(inv).get(0);
        Pool b = frontEnds(inv).get(1);
        Inventory paired = inv.withPool(a.withBackup(b.fqdn())).withPool(b.withBackup(a.fqdn()));

        new FolderWriter(CATALOG).write(tmp.resolve("inv"), paired, List.of());
        Inventory read = FolderReader.read(tmp.resolve("inv"), CATALOG).inventory();

        assertThat(read.pool(a.fqdn()).backup()).isEqualTo(b.fqdn());
        assertThat(read.pool(b.fqdn()).backup()).isEqualTo(a.fqdn());
    }

    @Test
    void a_pairing_only_pairings_csv_names_pairs_both_pools_and_a_row_naming_an_unknown_pool_is_ignored()
            throws IOException {
        Inventory inv = example();
        Pool a = frontEnds(inv).get(0);
        Pool b = frontEnds(inv).get(1);
        new FolderWriter(CATALOG).write(tmp.resolve("inv"), inv, List.of());
        // As the collect script writes it: one row per pool asked, the partner as the cmdlet gives it.
        Files.writeString(
                tmp.resolve("inv").resolve("pairings.csv"),
                "\"PoolFqdn\",\"BackupPoolFqdn\"\r\n\"" + a.fqdn().text().toUpperCase(java.util.Locale.ROOT) + "\",\""
                        + b.fqdn().text() + "\"\r\n\"gone.contoso.com\",\""
                        + a.fqdn().text() + "\"\r\n",
                StandardCharsets.UTF_8);

        Inventory read = FolderReader.read(tmp.resolve("inv"), CATALOG).inventory();

        assertThat(read.pool(a.fqdn()).backup()).isEqualTo(b.fqdn());
        assertThat(read.pool(b.fqdn()).backup()).isEqualTo(a.fqdn());
        assertThat(read.findPool(Fqdn.of("gone.contoso.com"))).isEmpty();
        assertThat(read.pools().stream().filter(p -> p.backup() != null)).hasSize(2);
    }

    @Test
    void without_pairings_csv_no_pool_is_paired() throws IOException {
        new FolderWriter(CATALOG).write(tmp.resolve("inv"), example(), List.of());
        Files.delete(tmp.resolve("inv").resolve("pairings.csv"));

        Inventory read = FolderReader.read(tmp.resolve("inv"), CATALOG).inventory();

        assertThat(read.pools()).allMatch(p -> p.backup() == null);
    }
}
