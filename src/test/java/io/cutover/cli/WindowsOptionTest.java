package io.cutover.cli;

import static io.cutover.cli.Invocation.cutover;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `--windows FILE` is read before anything runs. */
class WindowsOptionTest {
    @TempDir
    Path dir;

    @Test
    void a_windows_file_that_is_not_there_is_bad_input() {
        String line = cutover("run", "--workspace", dir.resolve("ws").toString(), "--windows", "nowhere.yaml")
                .badInput();

        assertThat(line).contains("nowhere.yaml");
    }
}
