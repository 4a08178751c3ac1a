package io.cutover.journal;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the journal lives: a SQLite file (the default: nothing to install) or a PostgreSQL
 * database that several processes can share. The same Flyway migrations serve both, with a
 * dialect's own script only where the SQL differs (see {@code db/migration/<dialect>}).
 */
public sealed interface Store {
    /** The dialect's name ("sqlite", "postgresql"): its own migrations are in {@code db/migration/<dialect>}. */
    String dialect();

    record Sqlite(Path file) implements Store {
        @Override
        public String dialect() {
            return "sqlite";
        }
    }

    /**
     * @param url a PostgreSQL JDBC URL, {@code jdbc:postgresql://host:5432/db?user=cutover}; it
     *     never carries the password
     * @param password from the environment or a file, never the command line; null when the
     *     server asks for none
     */
    record Postgres(String url, String password) implements Store {
        public static final String PREFIX = "jdbc:postgresql:";
        private static final Pattern PASSWORD_PARAMETER = Pattern.compile("[?&]password=", Pattern.CASE_INSENSITIVE);

        /** @throws CutoverException BAD_INPUT for a URL that is not PostgreSQL's or that carries a password */
        public Postgres {
            if (url == null || !url.startsWith(PREFIX)) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        "--store takes a PostgreSQL JDBC URL (" + PREFIX + "//host:5432/database?user=NAME), got "
                                + url);
            }
            if (PASSWORD_PARAMETER.matcher(url).find()) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        "--store: the URL must not carry the password; give it in the environment variable "
                                + PASSWORD_VARIABLE + " or a file (--store-password-file)");
            }
        }

        @Override
        public String dialect() {
            return "postgresql";
        }

        /** Without the password, which no message or log should show. */
        @Override
        public String toString() {
            return url;
        }
    }

    /** The environment variable a PostgreSQL store's password is read from. */
    String PASSWORD_VARIABLE = "CUTOVER_STORE_PASSWORD";
}
