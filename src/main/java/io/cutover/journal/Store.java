package io.cutover.journal;

import io.cutover.CutoverException;
import java.nio.file.Path;

/**
 * Where the journal lives: a SQLite file (the default: nothing to install) or a PostgreSQL
 * database that several processes can share. The same Flyway migrations serve both, with a
 * dialect's own script only where the SQL differs (see {@code db/migration/<dialect>}).
 */
public sealed interface Store {
    /** The dialect's name ("sqlite", "postgresql"): its own migrations are in {@code db/migration/<dialect>}. */
    String dialect();

    /** Where it is, for messages: the SQLite file, or the PostgreSQL URL (which carries no password). */
    String where();

    record Sqlite(Path file) implements Store {
        @Override
        public String dialect() {
            return "sqlite";
        }

        @Override
        public String where() {
            return file.toString();
        }
    }

    /**
     * @param url a PostgreSQL JDBC URL, {@code jdbc:postgresql://host:5432/db?user=cutover}; it
     *     never carries the password
     * @param password from the environment or a file, never the command line; null when the
     *     server asks for none
     */
    record Postgres(String url, String password) implements Store {
        public static final String PREFIX = PostgresUrl.PREFIX;

        /** @throws CutoverException BAD_INPUT for a URL that is not PostgreSQL's or that carries a password */
        public Postgres {
            PostgresUrl.check(url, "the store URL");
        }

        /**
         * The store given by {@code option} (say {@code --to}), which a refusal names.
         *
         * @throws CutoverException BAD_INPUT for a URL that is not PostgreSQL's or that carries a
         *     password in any spelling; the message does not repeat the URL then
         */
        public static Postgres given(String option, String url, String password) {
            PostgresUrl.check(url, option);
            return new Postgres(url, password);
        }

        @Override
        public String dialect() {
            return "postgresql";
        }

        @Override
        public String where() {
            return url;
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
