package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.app.Cutover;
import io.cutover.app.Workspace;
import io.cutover.cli.Cli;
import io.cutover.plan.PlanOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example migration through the fake shell with the Dublin pools lacking a health-monitoring
 * configuration and given test accounts instead, whose credential files hold a known password:
 * the gates' synthetic transactions on those pools run as the accounts, and the password shows
 * nowhere cutover writes or sends.
 */
class ShellCredentialIT {
    private static final String PASSWORD = "Marker-7f3c-NeverShown!";
    private static final String DUBLIN = "sfb15pool-dub.contoso.com,sfb19pool-dub.contoso.com";
    /** A pool that keeps its health-monitoring configuration and is given accounts too: they go unused. */
    private static final String REDMOND = "sfb19pool-red.contoso.com";

    @TempDir
    Path dir;

    @Test
    void a_migration_with_test_accounts_runs_their_synthetic_transactions_and_the_password_appears_nowhere()
            throws IOException {
        Path ws = dir.resolve("ws");
        Cutover cutover = new Cutover(new Workspace(ws), Clock.systemUTC(), "tester");
        cutover.labCreate(null);
        cutover.plan(PlanOptions.defaults("Skype for Business Server Subscription Edition"), null);
        Path accounts = accountsFile(dir.resolve("credentials"));
        Path record = dir.resolve("shell-record.txt");
        Path trace = dir.resolve("shell-trace.jsonl");
        String shell = FakeShells.commandLine(
                ws.resolve("lab"),
                Map.of(
                        "CUTOVER_FAKESHELL_NO_HEALTH", DUBLIN,
                        "CUTOVER_FAKESHELL_RECORD", record.toString(),
                        "CUTOVER_FAKESHELL_TRACE", trace.toString()));

        Said run = cli(
                "run",
                "--workspace",
                ws.toString(),
                "--deployment",
                "shell",
                "--shell-command",
                shell,
                "--shell-test-accounts",
                accounts.toString(),
                "--concurrency",
                "50");
        Said status = cli("status", "--workspace", ws.toString(), "--json");

        assertThat(run.code()).as(run.err() + run.out()).isZero();
        assertThat(status.out()).contains("\"users");
        // The Dublin pools' synthetic transactions ran as the accounts, with their credentials read in the session.
        List<String> asAccounts = Files.readAllLines(trace).stream()
                .filter(l -> l.contains("\"cmdlet\":\"Test-Cs") && l.contains("Credential\""))
                .toList();
        assertThat(asAccounts).isNotEmpty().allMatch(l -> l.contains("Import-Clixml") && l.contains("dublin000"));
        // Redmond keeps its configuration: its probes take the -TargetFqdn form, whatever the file says.
        assertThat(Files.readString(trace))
                .contains("\"UserSipAddress\":\"sip:redmond")
                .doesNotContain("redmond-test");
        assertThat(Files.readString(record))
                .contains("process: ")
                .contains("-UserCredential (Import-Clixml -LiteralPath ");

        List<String> places = new ArrayList<>();
        places.add("shell record (its command lines and every script sent)");
        places.add("shell trace");
        places.add("run output");
        places.add("status JSON");
        List<byte[]> contents = new ArrayList<>(List.of(
                Files.readAllBytes(record),
                Files.readAllBytes(trace),
                (run.out() + run.err()).getBytes(StandardCharsets.UTF_8),
                status.out().getBytes(StandardCharsets.UTF_8)));
        try (Stream<Path> files = Files.walk(ws)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                places.add(f.toString());
                contents.add(Files.readAllBytes(f));
            }
        }
        assertThat(places).anyMatch(p -> p.endsWith("journal.db"));
        for (int i = 0; i < places.size(); i++) {
            assertThat(hasMarker(contents.get(i))).as(places.get(i)).isFalse();
        }
    }

    /** The password as text, in UTF-16 (as .NET holds it), and as the hex its file holds. */
    private static boolean hasMarker(byte[] content) {
        String utf8 = new String(content, StandardCharsets.UTF_8);
        String utf16 = new String(content, StandardCharsets.UTF_16LE);
        String hex = HexFormat.of().formatHex(PASSWORD.getBytes(StandardCharsets.UTF_16LE));
        return utf8.contains(PASSWORD)
                || utf16.contains(PASSWORD)
                || utf8.toLowerCase(java.util.Locale.ROOT).contains(hex);
    }

    /** Both Dublin pools' accounts, each credential file written as Export-Clixml writes one. */
    private static Path accountsFile(Path credentials) throws IOException {
        Files.createDirectories(credentials);
        StringBuilder yaml = new StringBuilder("pools:\n");
        String[] pools = (DUBLIN + "," + REDMOND).split(",");
        for (int p = 0; p < pools.length; p++) {
            yaml.append("  ").append(pools[p]).append(":\n");
            for (int n = 1; n <= 2; n++) {
                String user = pools[p].equals(REDMOND) ? "redmond-test" + n : String.format("dublin%04d", 2 * p + n);
                Path file = Files.writeString(
                        credentials.resolve(user + ".xml"), FakeCredentials.cliXml("CONTOSO\\" + user, PASSWORD));
                yaml.append("    - {sip: 'sip:")
                        .append(user)
                        .append("@contoso.com', credential: '")
                        .append(file)
                        .append("'}\n");
            }
        }
        return Files.writeString(credentials.resolve("test-accounts.yaml"), yaml.toString());
    }

    private record Said(int code, String out, String err) {}

    private static Said cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Cli.execute(args, o, e);
        }
        return new Said(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
