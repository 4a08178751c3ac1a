package io.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.plan.PlanOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --record} streams its file: an oversized one is refused unread, a bad row stops the reading. */
class RecordStreamingIT {
    static final String HEADER = "\"Plan\",\"Step\",\"Item\",\"Action\",\"Outcome\",\"Detail\",\"At\",\"Actor\"\r\n";

    @TempDir
    Path dir;

    Cutover cutover;
    Workspace workspace;

    @BeforeEach
    void plan() {
        workspace = new Workspace(dir.resolve("ws"));
        cutover = new Cutover(workspace, Clock.systemUTC(), "tester");
        cutover.labCreate(null);
        cutover.plan(PlanOptions.defaults("Skype for Business Server Subscription Edition"), null);
    }

    @Test
    void a_result_file_larger_than_the_cap_is_refused_before_a_byte_of_it_is_read() throws IOException {
        Path csv = dir.resolve("huge.results.csv");
        Files.writeString(csv, HEADER);
        try (RandomAccessFile f = new RandomAccessFile(csv.toFile(), "rw")) {
            f.setLength(300L << 20); // sparse: nothing is written to disk
        }

        CutoverException e = catchThrowableOfType(CutoverException.class, () -> cutover.record(null, csv));

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
        assertThat(e.getMessage())
                .contains((300L << 20) + " bytes, more than the")
                .contains("refused before reading");
        assertThat(cutover.audit(10)).isEmpty();
    }

    @Test
    void the_first_row_that_does_not_belong_to_the_plan_stops_the_reading_at_its_line() throws IOException {
        String checksum = Plans.read(workspace.plan()).checksum();
        Path csv = dir.resolve("bad.results.csv");
        Files.writeString(
                csv,
                HEADER + "\"" + checksum
                        + "\",\"no/such/step\",\"\",\"DO\",\"OK\",\"\",\"2026-01-31T09:15:00Z\",\"a\"\r\n"
                        + "\"broken row, never reached\r\n".repeat(3));

        CutoverException e = catchThrowableOfType(CutoverException.class, () -> cutover.record(null, csv));

        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_STEP);
        assertThat(e.getMessage()).contains(": line 2: field Step 'no/such/step'");
    }
}
