package io.cutover.journal;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * A store's password kept in a file. As ssh does with a private key, a file that others may read
 * or write is refused: its password is as good as public. A file system without POSIX permissions
 * (Windows) has its own access lists, which are not judged here.
 */
public final class PasswordFile {
    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE);

    private PasswordFile() {}

    /**
     * @param option what named the file, for messages ({@code --store-password-file})
     * @return the file's content without the whitespace around it
     * @throws CutoverException BAD_INPUT naming the file when it is missing, unreadable, empty, or
     *     readable or writable by its group or others
     */
    public static String read(Path file, String option) {
        try {
            requirePrivate(file, option);
            String password = Files.readString(file).strip();
            if (password.isEmpty()) {
                throw refused(option + " " + file + " is empty");
            }
            return password;
        } catch (NoSuchFileException e) {
            throw refused(option + " " + file + " does not exist");
        } catch (IOException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "cannot read " + option + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static void requirePrivate(Path file, String option) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (permissions.stream().anyMatch(TOO_OPEN::contains)) {
            throw refused(option + " " + file + " is open to others (" + PosixFilePermissions.toString(permissions)
                    + "): only its owner may read it; run chmod 600 " + file);
        }
    }

    private static CutoverException refused(String message) {
        return new CutoverException(ErrorCode.BAD_INPUT, message);
    }
}
