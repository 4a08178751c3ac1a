package io.cutover.cli;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.schedule.Schedule;
import io.cutover.schedule.ScheduleFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The windows file a run keeps to: change windows and the pools' and sites' error budgets. */
final class WindowsOption {
    @Option(
            names = "--windows",
            paramLabel = "FILE",
            description =
                    "A windows file (docs/windows.md): per-site change windows and the pools' and sites' error budgets; a run whose budget runs out holds (exit 5) until `run --resume`.")
    Path file;

    /** @throws CutoverException BAD_INPUT for a file that cannot be read or is not a windows file */
    Schedule schedule() {
        if (file == null) {
            return Schedule.NONE;
        }
        try {
            return ScheduleFile.parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "cannot read the windows file " + file + ": " + e);
        }
    }
}
