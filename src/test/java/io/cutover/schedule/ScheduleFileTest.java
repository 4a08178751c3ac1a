package io.cutover.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScheduleFileTest {
    private static final Path EXAMPLE = Path.of("examples/contoso/windows.yaml");

    private static Schedule example() throws IOException {
        return ScheduleFile.parse(Files.readString(EXAMPLE, StandardCharsets.UTF_8), EXAMPLE.toString());
    }

    private static Instant at(String zone, String local) {
        return LocalDateTime.parse(local).atZone(ZoneId.of(zone)).toInstant();
    }

    @Test
    void the_example_file_reads_into_windows_per_site_a_default_and_budgets() throws IOException {
        Schedule s = example();

        // 2026-12-01 is a Tuesday; Dublin opens 20:00 Mon-Thu, Seattle only on Friday and Saturday nights.
        assertThat(s.windows().isOpen("Dublin", at("Europe/Dublin", "2026-12-01T21:00")))
                .isTrue();
        assertThat(s.windows().isOpen("Dublin", at("Europe/Dublin", "2026-12-24T21:00")))
                .isFalse();
        assertThat(s.windows().isOpen("Seattle", at("America/Los_Angeles", "2026-12-05T03:00")))
                .isTrue();
        assertThat(s.windows().nextOpening("Seattle", at("America/Los_Angeles", "2026-12-01T12:00")))
                .hasValue(at("America/Los_Angeles", "2026-12-04T22:00"));
        assertThat(s.windows().isOpen("Tacoma", at("UTC", "2026-12-06T12:00"))).isTrue();
        assertThat(s.windows().isOpen("Tacoma", at("UTC", "2026-12-07T12:00"))).isFalse();
        assertThat(s.windows().gatesAnytime()).isTrue();
        assertThat(s.poolBudget()).isEqualTo(new ErrorBudget(10, 50, 5));
        assertThat(s.siteBudget()).isEqualTo(new ErrorBudget(5, 200, 0));
    }

    @Test
    void an_empty_file_is_no_schedule() {
        assertThat(ScheduleFile.parse("", "w.yaml")).isEqualTo(Schedule.NONE);
    }

    @Test
    void a_day_that_is_no_day_is_refused_with_the_file_the_line_and_the_field() {
        String text =
                "sites:\n  Dublin:\n    zone: Europe/Dublin\n    windows:\n      - {days: [Sat, Funday], from: \"08:00\", to: \"18:00\"}\n";

        assertThatThrownBy(() -> ScheduleFile.parse(text, "w.yaml"))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("w.yaml, line 5")
                .hasMessageContaining("sites.Dublin.windows[1]")
                .hasMessageContaining("'Funday' is not a day")
                .satisfies(e -> assertThat(((CutoverException) e).code()).isEqualTo(ErrorCode.BAD_INPUT));
    }

    @Test
    void a_zone_a_time_or_a_key_that_is_wrong_is_refused_naming_it() {
        assertThatThrownBy(() -> ScheduleFile.parse("sites:\n  Dublin:\n    zone: Europe/Atlantis\n", "w.yaml"))
                .hasMessageContaining("w.yaml, line")
                .hasMessageContaining("Europe/Atlantis");
        assertThatThrownBy(() -> ScheduleFile.parse(
                        "default:\n  zone: UTC\n  windows:\n    - {days: [Sat], from: \"25:00\", to: \"06:00\"}\n",
                        "w.yaml"))
                .hasMessageContaining("line 4")
                .hasMessageContaining("25:00");
        assertThatThrownBy(() -> ScheduleFile.parse("budgit:\n  pool: {inARow: 3}\n", "w.yaml"))
                .hasMessageContaining("line 1")
                .hasMessageContaining("budgit");
        assertThatThrownBy(() -> ScheduleFile.parse("gatesAnytime: true\nbudgit:\n  pool: {inARow: 3}\n", "w.yaml"))
                .hasMessageContaining("w.yaml, line 2")
                .hasMessageContaining("budgit");
        assertThatThrownBy(() -> ScheduleFile.parse("budget:\n  pool: {failedPercent: 10}\n", "w.yaml"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("'failedPercent' and 'ofLast' go together");
    }
}
