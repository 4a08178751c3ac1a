package io.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `runbook` writes the scripts; `run --record` brings their result rows into the journal, strictly. */
class RunbookCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String ws;
    private String checksum;

    @BeforeEach
    void planTheExample() throws IOException {
        ws = dir.resolve("ws").toString();
        Invocation.cutover("lab", "create", "--workspace", ws).ok();
        Invocation.cutover("plan", "--workspace", ws).ok();
        checksum = JSON.readTree(Files.readString(dir.resolve("ws").resolve("plan.json")))
                .get("checksum")
                .asText();
    }

    /** A result file as Export-Csv -Encoding UTF8 writes it: BOM, quoted fields, CRLF. */
    private Path results(List<String[]> rows) throws IOException {
        StringBuilder sb = new StringBuilder(
                "\uFEFF\"Plan\",\"Step\",\"Item\",\"Action\",\"Outcome\",\"Detail\",\"At\",\"Actor\"\r\n");
        for (String[] r : rows) {
            sb.append("\"").append(checksum).append("\"");
            for (String f : r) {
                sb.append(",\"").append(f.replace("\"", "\"\"")).append("\"");
            }
            sb.append("\r\n");
        }
        Path file = dir.resolve("03-Pilot.results.csv");
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static String[] row(String step, String item, String outcome, String detail) {
        return new String[] {step, item, "DO", outcome, detail, "2026-11-21T09:15:00.1234567Z", "CONTOSO\\admin"};
    }

    @Test
    void runbook_writes_one_script_per_phase_as_utf8_with_a_byte_order_mark() throws IOException {
        Path out = dir.resolve("runbooks");
        Invocation run = Invocation.cutover("runbook", "--workspace", ws, "--out", out.toString())
                .ok();
        assertThat(run.out()).contains("01-Prepare.ps1", "12-Decommission.ps1");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .hasSize(11)
                    .first()
                    .isEqualTo("01-Prepare.ps1");
        }
        byte[] pilot = Files.readAllBytes(out.resolve("03-Pilot.ps1"));
        assertThat(pilot[0]).isEqualTo((byte) 0xEF);
        assertThat(new String(pilot, StandardCharsets.UTF_8))
                .contains("Move-CsUser -Identity $id -Target $target", checksum);

        Path one = dir.resolve("pilot-only");
        Invocation.cutover("runbook", "--workspace", ws, "--phase", "pilot", "--out", one.toString())
                .ok();
        try (var files = Files.list(one)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("03-Pilot.ps1");
        }
    }

    @Test
    void recorded_rows_become_journal_attempts_that_status_counts() throws IOException {
        Path csv = results(List.of(
                row(
                        "Dublin/sfb15pool-dub.contoso.com/deploy-target",
                        "",
                        "OK",
                        "sfb19pool-dub.contoso.com is deployed and up"),
                row("Dublin/sfb15pool-dub.contoso.com/coexistence", "", "OK", "every check passed"),
                row(
                        "Dublin/sfb15pool-dub.contoso.com/pilot",
                        "User:sip:dublin0001@contoso.com",
                        "OK",
                        "on sfb19pool-dub.contoso.com"),
                row(
                        "Dublin/sfb15pool-dub.contoso.com/pilot",
                        "User:sip:dublin0002@contoso.com",
                        "FAILED",
                        "Move-CsUser : the pool is busy, \"try later\"")));

        Invocation run = Invocation.cutover("run", "--workspace", ws, "--record", csv.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("rows").asInt()).isEqualTo(4);
        assertThat(result.get("ok").asInt()).isEqualTo(3);
        assertThat(result.get("status").get("usersMoved").asInt()).isEqualTo(1);
        Invocation status = Invocation.cutover("status", "--workspace", ws);
        assertThat(status.out()).contains("Move-CsUser : the pool is busy, \"try later\"");
    }

    @Test
    void a_bad_row_refuses_the_whole_file_naming_its_line_and_field_and_writes_nothing() throws IOException {
        Path csv = results(List.of(
                row("Dublin/sfb15pool-dub.contoso.com/deploy-target", "", "OK", "up"),
                row("Dublin/sfb15pool-dub.contoso.com/pilot", "User:sip:dublin0001@contoso.com", "MAYBE", "")));
        String error = Invocation.cutover("run", "--workspace", ws, "--record", csv.toString())
                .badInput();
        assertThat(error).contains("03-Pilot.results.csv: line 3: field Outcome is 'MAYBE'");
        assertThat(dir.resolve("ws").resolve("journal.db")).doesNotExist();

        Path notMoved = results(List.<String[]>of(
                row("Dublin/sfb15pool-dub.contoso.com/pilot", "User:sip:nobody@contoso.com", "OK", "")));
        assertThat(Invocation.cutover("run", "--workspace", ws, "--record", notMoved.toString())
                        .badInput())
                .contains(
                        "line 2: field Item 'User:sip:nobody@contoso.com' is not moved by step Dublin/sfb15pool-dub.contoso.com/pilot");

        Path unknownStep = results(List.<String[]>of(row("Dublin/nowhere", "", "OK", "")));
        assertThat(Invocation.cutover("run", "--workspace", ws, "--record", unknownStep.toString())
                        .badInput())
                .contains("line 2: field Step 'Dublin/nowhere' is not a step of the plan");
        assertThat(dir.resolve("ws").resolve("journal.db")).doesNotExist();
    }

    @Test
    void the_shell_options_are_checked_before_anything_runs() {
        assertThat(Invocation.cutover("run", "--workspace", ws, "--deployment", "vm")
                        .badInput())
                .contains("--deployment 'vm': expected lab or shell");
        assertThat(Invocation.cutover("run", "--workspace", ws, "--deployment", "shell", "--shell-timeout", "soon")
                        .badInput())
                .contains("--shell-timeout 'soon'");
        assertThat(dir.resolve("ws").resolve("journal.db")).doesNotExist();
    }

    @Test
    void a_shell_command_that_does_not_start_is_named_with_exit_code_3_and_nothing_is_written() {
        Invocation run = Invocation.cutover(
                "run",
                "--workspace",
                ws,
                "--deployment",
                "shell",
                "--shell-command",
                "/nonexistent/powershell.exe -Command -");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith(
                        "error: the deployment could not be read: shell session shell: cannot start the shell command [/nonexistent/powershell.exe, -Command, -]")
                .endsWith("check --shell-command and run again");
        assertThat(dir.resolve("ws").resolve("journal.db")).doesNotExist();
    }
}
