package io.cutover.folder;

import io.cutover.csv.CsvReader;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * pairings.csv: {@code PoolFqdn,BackupPoolFqdn}, one row per registrar pool paired with a backup
 * pool, as Get-CsPoolBackupRelationship reports it (Lync Server 2013 and later). Optional: the
 * published topology document may carry the pairings as backup links too, and a pairing named by
 * either is one.
 */
final class PairingsFile {
    private PairingsFile() {}

    /**
     * {@code pools} with each pairing of {@code file} set on both partners; a row naming a pool the
     * topology lacks is ignored (the topology is what is deployed). Without the file, {@code pools}.
     *
     * @throws io.cutover.CutoverException BAD_INPUT naming the file, line and column of a bad FQDN
     */
    static List<Pool> apply(Path file, List<Pool> pools) {
        if (!Files.exists(file)) {
            return pools;
        }
        Map<Fqdn, Fqdn> backups = new HashMap<>();
        new CsvReader(file).read(List.of("PoolFqdn", "BackupPoolFqdn"), r -> {
            Fqdn pool = IdentityFields.fqdn(r, "PoolFqdn");
            Fqdn backup = IdentityFields.optionalFqdn(r, "BackupPoolFqdn");
            if (backup != null) {
                backups.put(pool, backup);
                backups.putIfAbsent(backup, pool);
            }
        });
        return pools.stream()
                .map(p -> p.backup() == null && backups.containsKey(p.fqdn()) && known(pools, backups.get(p.fqdn()))
                        ? p.withBackup(backups.get(p.fqdn()))
                        : p)
                .toList();
    }

    private static boolean known(List<Pool> pools, Fqdn fqdn) {
        return pools.stream().anyMatch(p -> p.fqdn().equals(fqdn));
    }
}
