package io.cutover.bench;

import io.cutover.cli.Cli;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code cutover bench} with its journal in a PostgreSQL server started for the purpose (embedded,
 * from the test classpath: nothing to install), in a fresh database, thrown away at the end:
 *
 * <pre>./mvnw -q -B test-compile exec:java -Dexec.args="journal --reps 5"</pre>
 *
 * The arguments are {@code bench}'s; {@code --store} is added. Against a server of your own, run
 * {@code cutover bench ... --store jdbc:postgresql://...} instead.
 */
public final class PostgresBench {
    private PostgresBench() {}

    public static void main(String[] args) throws Exception {
        int code;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create database bench");
            }
            List<String> argv = new ArrayList<>(List.of("bench"));
            argv.addAll(Arrays.asList(args));
            argv.addAll(List.of("--store", pg.getJdbcUrl("postgres", "bench")));
            code = Cli.execute(argv.toArray(String[]::new), System.out, System.err);
        }
        System.exit(code);
    }
}
