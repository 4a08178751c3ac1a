package io.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.journal.Entry;
import io.cutover.journal.Journal;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanCodec;
import io.cutover.plan.Step;
import io.cutover.schedule.ChangeWindows;
import io.cutover.schedule.ScheduleFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rehearse --windows}: the Contoso example in virtual time, inside short change windows. */
class WindowsRehearsalIT {
    private static final Path WINDOWS = Path.of("examples/contoso/windows-rehearsal.yaml");

    @TempDir
    Path tmp;

    @Test
    void the_example_holds_at_each_windows_end_and_goes_on_at_the_next_with_no_change_begun_outside_a_window()
            throws Exception {
        Path ws = tmp.resolve("ws");

        Invocation r = Invocation.cutover(
                "rehearse",
                "--windows",
                WINDOWS.toString(),
                "--start",
                "2026-12-07T00:00:00Z",
                "--workspace",
                ws.toString(),
                "--json");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(r.out());
        assertThat(summary.get("windowsUsed").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(summary.get("windows")).hasSize(summary.get("windowsUsed").asInt());
        ChangeWindows windows = ScheduleFile.parse(Files.readString(WINDOWS), WINDOWS.toString())
                .windows();
        Plan plan = PlanCodec.fromJson(Files.readString(ws.resolve("plan.json")), "plan.json");
        List<Entry> rows;
        try (Journal j = Journal.open(ws.resolve("journal.db"))) {
            rows = j.entries(j.currentRun().orElseThrow().id());
        }
        long changes = 0;
        for (Entry e : rows) {
            Step step = plan.findStep(e.stepId()).orElseThrow();
            if (e.outcome() == null && !(step instanceof Step.Gate)) {
                changes++;
                assertThat(windows.isOpen(step.site(), e.at()))
                        .as("%s %s began at %s", e.stepId(), e.item(), e.at())
                        .isTrue();
            }
        }
        assertThat(changes).isGreaterThan(2000);
        Instant started = Instant.parse("2026-12-07T00:00:00Z");
        assertThat(rows)
                .as("the journal keeps virtual time, from the start given")
                .allMatch(e -> !e.at().isBefore(started) && e.at().isBefore(started.plusSeconds(14 * 86_400)));
    }

    @Test
    void a_run_outside_every_window_holds_and_the_workspace_keeps_the_windows_for_resume_and_status() throws Exception {
        Path ws = tmp.resolve("ws");
        Path never = tmp.resolve("never.yaml");
        // No windows at all: no site ever opens.
        Files.writeString(never, """
                default:
                  zone: UTC
                  windows: []
                """);
        Invocation.cutover("lab", "create", "--workspace", ws.toString()).ok();
        Invocation.cutover("plan", "--workspace", ws.toString()).ok();

        Invocation run = Invocation.cutover("run", "--windows", never.toString(), "--workspace", ws.toString());
        Invocation resume = Invocation.cutover("run", "--resume", "--json", "--workspace", ws.toString());
        Invocation status = Invocation.cutover("status", "--json", "--workspace", ws.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(5);
        assertThat(run.out()).contains("held-window").contains("is outside its change windows");
        assertThat(Files.exists(ws.resolve("windows.yaml"))).isTrue();
        assertThat(resume.exitCode())
                .as("a resume keeps to the remembered windows: " + resume.err())
                .isEqualTo(5);
        JsonNode windows = new ObjectMapper().readTree(status.out()).get("windows");
        assertThat(windows).isNotEmpty();
        assertThat(windows.get(0).get("open").asBoolean()).isFalse();
        assertThat(windows.get(0).get("held").asText()).contains("no window opens within a year");
    }

    @Test
    void the_text_summary_lists_the_windows_it_used() {
        Invocation r = Invocation.cutover(
                "rehearse",
                "--windows",
                WINDOWS.toString(),
                "--start",
                "2026-12-07T00:00:00Z",
                "--virtual-move-time",
                "2m",
                "--workspace",
                tmp.resolve("ws").toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .containsPattern("Change windows used: \\d+")
                .contains("  Dublin: Mon 2026-12-07 21:00 to Mon 2026-12-07 22:00 (Europe/Dublin)")
                .containsPattern(
                        "  Redmond: \\w{3} 2026-12-\\d\\d 20:00 to \\w{3} 2026-12-\\d\\d 21:00 \\(America/Los_Angeles\\)");
    }
}
