package io.cutover.folder;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Catalog;
import io.cutover.lab.Lab;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collect script: pinned, read-only, and writing exactly the files and columns the reader and the lab write. */
class CollectScriptTest {
    @TempDir
    Path tmp;

    /** Verbs that change state, in cmdlets or in PowerShell itself. The script may only read. */
    private static final Pattern STATE_CHANGING = Pattern.compile(
            "\\b(Set|Move|New|Remove|Enable|Disable|Stop|Start|Restart|Publish|Grant|Revoke|Install|Uninstall|Invoke|Update|Clear|Reset"
                    + "|Add|Register|Unregister|Import|Merge|Test|Suspend|Resume|Sync|Approve|Lock|Unlock)-Cs[A-Za-z]*|\\b(Set|New|Remove|Clear"
                    + "|Stop|Start|Restart|Invoke|Rename|Copy|Move)-(Item|ItemProperty|Content|Service|Process|Computer|Variable|Location|WmiObject"
                    + "|CimInstance|Expression|Command|WebRequest|RestMethod)\\b",
            Pattern.CASE_INSENSITIVE);

    @Test
    void the_script_is_the_golden_file() throws IOException {
        String golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/collect.ps1")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(CollectScript.text()).isEqualTo(golden);
    }

    @Test
    void the_script_calls_no_cmdlet_that_changes_state() {
        List<String> found = new ArrayList<>();
        Matcher m = STATE_CHANGING.matcher(CollectScript.text());
        while (m.find()) {
            found.add(m.group());
        }
        assertThat(found).isEmpty();
        assertThat(CollectScript.text())
                .contains(
                        "Get-CsTopology -AsXml",
                        "Get-CsUser -ResultSize Unlimited",
                        "'Enabled'",
                        "@{n = 'HostingProvider'; e = { \"$($_.HostingProvider)\" } }",
                        "Get-CsWindowsService -ComputerName",
                        "Get-CsManagementStoreReplicationStatus",
                        "-NoTypeInformation -Encoding UTF8");
    }

    @Test
    void pairings_are_asked_of_every_registrar_pool_only_where_the_shell_has_the_cmdlet() {
        String s = CollectScript.text();
        int guard = s.indexOf("if (Get-Command -Name Get-CsPoolBackupRelationship -ErrorAction SilentlyContinue) {");
        int query = s.indexOf("Get-CsPoolBackupRelationship -PoolFqdn \"$($pool.Fqdn)\"");
        assertThat(guard).isPositive().isLessThan(query);
        assertThat(s.lastIndexOf("try {", query)).isGreaterThan(guard);
        assertThat(s)
                .contains("Add-Unanswered '(pairings)' \"Get-CsPoolBackupRelationship $($pool.Fqdn)\"")
                .contains("Write-Inventory 'pairings.csv' -Columns @('PoolFqdn', 'BackupPoolFqdn')");
    }

    @Test
    void the_checker_would_catch_a_state_changing_verb() {
        assertThat(STATE_CHANGING
                        .matcher("Move-CsUser -Identity sip:a@x.com -Target p")
                        .find())
                .isTrue();
        assertThat(STATE_CHANGING.matcher("Remove-Item C:\\x").find()).isTrue();
        assertThat(STATE_CHANGING.matcher("Get-CsUser | Export-Csv x.csv").find())
                .isFalse();
    }

    @Test
    void every_server_query_is_guarded_so_a_server_that_does_not_answer_is_recorded_and_skipped() {
        String s = CollectScript.text();
        int service = s.indexOf("Get-CsWindowsService -ComputerName $computer");
        int tryBefore = s.lastIndexOf("try {", service);
        int catchAfter = s.indexOf("} catch {", service);
        assertThat(tryBefore).isPositive().isLessThan(service);
        assertThat(s.substring(catchAfter, s.indexOf('}', catchAfter + 10)))
                .contains("Add-Unanswered \"$computer\" 'Get-CsWindowsService'");
        assertThat(s).contains("Write-Inventory 'unanswered.csv' -Columns @('ComputerName', 'Source', 'Error')");
    }

    @Test
    void the_script_writes_every_file_with_the_columns_the_lab_export_writes() throws IOException {
        Map<String, List<String>> script = new LinkedHashMap<>();
        Matcher m = Pattern.compile("Write-Inventory '([a-z]+\\.csv)' -Columns @\\(([^)]*)\\)")
                .matcher(CollectScript.text());
        while (m.find()) {
            List<String> columns = Arrays.stream(m.group(2).split(","))
                    .map(c -> c.trim().replace("'", ""))
                    .toList();
            script.put(m.group(1), columns);
        }
        try (Lab lab = Lab.inMemory(Lab.example(), Clock.systemUTC())) {
            new FolderWriter(Catalog.bundled()).write(tmp.resolve("inv"), lab.snapshot(), List.of());
        }
        Map<String, List<String>> written = new LinkedHashMap<>();
        try (var files = Files.list(tmp.resolve("inv"))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".csv")) {
                    String header = Files.readString(f, StandardCharsets.UTF_8)
                            .substring(1)
                            .lines()
                            .findFirst()
                            .orElseThrow();
                    written.put(
                            name,
                            Arrays.stream(header.split(","))
                                    .map(c -> c.replace("\"", ""))
                                    .toList());
                }
            }
        }
        assertThat(script).containsOnlyKeys(written.keySet());
        written.forEach((file, columns) -> assertThat(script.get(file)).as(file).isEqualTo(columns));
        assertThat(CollectScript.text()).contains("'topology.xml'");
    }
}
