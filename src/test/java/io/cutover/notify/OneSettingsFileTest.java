package io.cutover.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.schedule.Schedule;
import io.cutover.schedule.ScheduleFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One settings file carries where notices go, the change windows and the error budgets. */
class OneSettingsFileTest {
    private static String both() throws IOException {
        return Files.readString(Path.of("examples/contoso/settings.yaml")) + "\n"
                + Files.readString(Path.of("examples/contoso/windows.yaml"));
    }

    @Test
    void the_notifications_and_the_windows_readers_each_take_their_sections_of_one_file() throws IOException {
        String text = both();

        NotifySettings notify = NotifySettings.parse(text, "settings.yaml");
        Schedule schedule = ScheduleFile.parse(text, "settings.yaml");

        assertThat(notify.channels()).hasSize(4);
        // 2026-12-01 21:00 in Dublin is inside its Monday-to-Thursday evening window.
        assertThat(schedule.windows().isOpen("Dublin", Instant.parse("2026-12-01T21:00:00Z")))
                .isTrue();
        assertThat(schedule.poolBudget().inARow()).isEqualTo(5);
    }

    @Test
    void a_misspelt_section_is_refused_by_the_notifications_reader_too() {
        String text = "notification:\n  webhooks: []\n";

        assertThatThrownBy(() -> NotifySettings.parse(text, "settings.yaml"))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("settings.yaml")
                .hasMessageContaining("notification");
        assertThatThrownBy(() -> ScheduleFile.parse(text, "settings.yaml"))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("notification");
    }
}
