package io.cutover.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.cutover.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A store's password file: read when only its owner may, refused naming the file and the fix otherwise. */
class PasswordFileTest {
    @TempDir
    Path dir;

    @Test
    void a_file_only_its_owner_may_read_gives_its_content_without_the_line_end() throws Exception {
        Path file = secret("rw-------");

        assertThat(PasswordFile.read(file, "--store-password-file")).isEqualTo("s3cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----"})
    void a_file_others_may_read_or_write_is_refused_naming_it_and_chmod_600(String permissions) throws Exception {
        Path file = secret(permissions);

        assertThatThrownBy(() -> PasswordFile.read(file, "--store-password-file"))
                .hasFieldOrPropertyWithValue("code", ErrorCode.BAD_INPUT)
                .hasMessageContaining("--store-password-file " + file)
                .hasMessageContaining(permissions)
                .hasMessageContaining("chmod 600 " + file)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void a_missing_or_empty_file_is_refused_naming_it() throws Exception {
        Path missing = dir.resolve("nowhere");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> PasswordFile.read(missing, "--to-password-file"))
                .hasFieldOrPropertyWithValue("code", ErrorCode.BAD_INPUT)
                .hasMessage("--to-password-file " + missing + " does not exist");
        assertThatThrownBy(() -> PasswordFile.read(empty, "--to-password-file"))
                .hasFieldOrPropertyWithValue("code", ErrorCode.BAD_INPUT)
                .hasMessage("--to-password-file " + empty + " is empty");
    }

    private Path secret(String permissions) throws Exception {
        assumeThat(Files.getFileAttributeView(dir, PosixFileAttributeView.class))
                .as("a file system with POSIX permissions")
                .isNotNull();
        Path file = Files.writeString(dir.resolve("store-password"), "s3cret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
