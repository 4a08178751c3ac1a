package io.cutover.app;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The files people hand to the verbs and the files the verbs write, with errors that name them. */
final class TextFiles {
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    private TextFiles() {}

    /** @throws CutoverException BAD_INPUT when missing, over 256 MB, not UTF-8 or unreadable */
    static String read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new CutoverException(ErrorCode.BAD_INPUT, file + ": larger than 256 MB");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, file + ": no such file");
        } catch (MalformedInputException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, file + ": cannot read: " + e.getMessage());
        }
    }

    static void writeAtomically(Path file, String text) {
        writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes through a temporary file and a rename, so a reader never sees half a file. */
    static void writeAtomically(Path file, byte[] bytes) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".plan", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The same error, naming the file whose content caused it first, as the parse errors do. */
    static CutoverException in(Path file, CutoverException e) {
        return new CutoverException(e.code(), file + ": " + e.getMessage(), e);
    }
}
