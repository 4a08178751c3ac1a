package io.cutover.cli;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a rendered report (HTML, CSV) whole or not at all. */
final class ReportFile {
    private ReportFile() {}

    static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // Beside the file, so the rename is atomic; created with the usual permissions, as a
            // report is meant to be shared.
            Path tmp = parent.resolve("." + file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
