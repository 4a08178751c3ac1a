package io.cutover.cli;

import static io.cutover.cli.Invocation.cutover;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --store}, {@code --store-password-file} and {@code store copy --to} as a user gives them,
 * against a real PostgreSQL that asks the user {@code cutover} for a password: a refused command
 * exits 2 naming the option, never shows the password, and leaves what the workspace remembers as
 * it was.
 */
class StoreOptionsIT {
    private static final String SECRET = "s3cret-Xq7";
    private static final String SCENARIO = """
            name: Store
            domain: contoso.com
            epoch: 2024-03-01T09:00:00Z
            policies: {Conferencing: Default, Voice: Default}
            sites:
              - {name: Redmond, siteId: 1, federationRoute: edge13.contoso.com}
            pools:
              - fqdn: pool13.contoso.com
                site: Redmond
                role: FrontEnd
                version: Lync Server 2013
                servers: 2
                users: {count: 10, name: "user{n:03}", displayName: "User {n}", test: 2}
              - {fqdn: edge13.contoso.com, site: Redmond, role: Edge, version: Lync Server 2013, servers: 1,
                 nextHop: pool13.contoso.com}
              - {fqdn: pool19.contoso.com, site: Redmond, role: FrontEnd, version: Skype for Business Server 2019, servers: 2}
              - {fqdn: edge19.contoso.com, site: Redmond, role: Edge, version: Skype for Business Server 2019, servers: 1,
                 nextHop: pool19.contoso.com}
            cms: pool13.contoso.com
            partners: [fabrikam.com]
            """;

    private static EmbeddedPostgres pg;
    private static int databases;

    @TempDir
    Path dir;

    private Path ws;
    private Path secretFile;
    /** The workspace's remembered store once a good {@code --store} was given: what every refusal must leave. */
    private String remembered;

    @BeforeAll
    static void startPostgresAskingForPasswords() throws Exception {
        pg = EmbeddedPostgres.builder()
                .setDataDirectoryCustomizer(StoreOptionsIT::askCutoverForItsPassword)
                .start();
        sql("create role cutover login password '" + SECRET + "'");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        pg.close();
    }

    @BeforeEach
    void aWorkspaceRememberingAGoodStore() throws Exception {
        ws = dir.resolve("ws");
        secretFile = ownerOnly(Files.writeString(dir.resolve("store-password"), SECRET + "\n"));
        Path scenario = Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        cutover("lab", "create", "--workspace", ws.toString(), scenario.toString())
                .ok();
        cutover(
                        "plan",
                        "--workspace",
                        ws.toString(),
                        "--target",
                        "2019",
                        "--store",
                        url(newDatabase()),
                        "--store-password-file",
                        secretFile.toString())
                .ok();
        remembered = Files.readString(ws.resolve("store.properties"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ws.resolve("store.properties"))))
                .isEqualTo("rw-------");
    }

    @Test
    void a_password_in_the_store_url_is_refused_in_every_spelling_and_neither_shown_nor_remembered() {
        String base = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/c4";
        List<String> urls = List.of(
                "jdbc:postgresql://cutover:" + SECRET + "@127.0.0.1:" + pg.getPort() + "/c4",
                base + "?user=cutover;password=" + SECRET,
                base + "?user=cutover&password=" + SECRET,
                base + "?user=cutover&ssl=false&PassWord=" + SECRET,
                base + "?user=cutover&pass%77ord=" + SECRET);
        for (String url : urls) {
            String status = refused("status", "--workspace", ws.toString(), "--store", url);
            String copy = refused("store", "copy", "--workspace", ws.toString(), "--to", url);

            assertThat(status).as(url).startsWith("error: --store");
            assertThat(copy).as(url).startsWith("error: --to");
        }
        stillOpensTheRememberedStore();
    }

    @Test
    void a_store_that_cannot_be_opened_is_refused_and_the_workspace_keeps_the_store_it_had() throws Exception {
        String db = newDatabase();
        Path wrong = ownerOnly(Files.writeString(dir.resolve("wrong-password"), "not-it\n"));

        String closedPort =
                refused("status", "--workspace", ws.toString(), "--store", "jdbc:postgresql://127.0.0.1:1/c4");
        String noDatabase = refused(
                "status",
                "--workspace",
                ws.toString(),
                "--store",
                url("missing_db"),
                "--store-password-file",
                secretFile.toString());
        String noUser = refused(
                "status", "--workspace", ws.toString(), "--store", url(db).replace("user=cutover", "user=nobody"));
        String wrongPassword = refused(
                "status", "--workspace", ws.toString(), "--store", url(db), "--store-password-file", wrong.toString());
        String noFile = refused(
                "status",
                "--workspace",
                ws.toString(),
                "--store",
                url(db),
                "--store-password-file",
                dir.resolve("nowhere").toString());

        assertThat(closedPort).contains("cannot reach the store jdbc:postgresql://127.0.0.1:1/c4");
        assertThat(noDatabase).contains("cannot reach the store").contains("missing_db");
        assertThat(noUser).contains("cannot reach the store").contains("nobody");
        assertThat(wrongPassword)
                .contains("cannot reach the store")
                .contains("password")
                .doesNotContain("not-it");
        assertThat(noFile).isEqualTo("error: --store-password-file " + dir.resolve("nowhere") + " does not exist");
        stillOpensTheRememberedStore();
    }

    @Test
    void plan_with_a_wrong_password_is_refused_instead_of_remembering_a_store_it_cannot_open() throws Exception {
        Path wrong = ownerOnly(Files.writeString(dir.resolve("wrong-password"), "not-it\n"));

        String message = refused(
                "plan",
                "--workspace",
                ws.toString(),
                "--target",
                "2019",
                "--store",
                url(newDatabase()),
                "--store-password-file",
                wrong.toString());

        assertThat(message).contains("cannot reach the store").contains("password authentication failed");
        stillOpensTheRememberedStore();
    }

    @Test
    void a_password_file_others_may_read_is_refused_naming_it_and_the_fix() throws Exception {
        Path open = Files.writeString(dir.resolve("open-password"), SECRET + "\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));

        String message = refused(
                "status",
                "--workspace",
                ws.toString(),
                "--store",
                url(newDatabase()),
                "--store-password-file",
                open.toString());

        assertThat(message)
                .startsWith("error: --store-password-file " + open + " is open to others (rw-r--r--)")
                .endsWith("chmod 600 " + open);
        stillOpensTheRememberedStore();
    }

    @Test
    void a_copy_into_a_database_holding_another_applications_tables_is_refused_and_leaves_it_untouched()
            throws Exception {
        String db = newDatabase();
        // Owned by another role and granted to nobody: cutover cannot read it, but it is there.
        try (Connection c = pg.getDatabase("postgres", db).getConnection();
                Statement s = c.createStatement()) {
            s.execute("create table invoices (id int primary key)");
            s.execute("insert into invoices values (1), (2)");
        }

        String message = refused(
                "store",
                "copy",
                "--workspace",
                ws.toString(),
                "--to",
                url(db),
                "--to-password-file",
                secretFile.toString());

        assertThat(message)
                .isEqualTo("error: the store " + url(db) + " is neither empty nor a cutover journal: it holds 1 other"
                        + " table(s) (invoices) and no cutover schema; give an empty database or a cutover store");
        assertThat(tables(db)).containsExactly("invoices");
    }

    @Test
    void a_copy_into_a_database_with_another_applications_schema_history_is_refused_and_leaves_it_untouched()
            throws Exception {
        String db = newDatabase();
        try (Connection c = pg.getDatabase("postgres", db).getConnection();
                Statement s = c.createStatement()) {
            s.execute("create table flyway_schema_history (installed_rank int primary key, version varchar(50),"
                    + " description varchar(200) not null, type varchar(20) not null, script varchar(1000) not null,"
                    + " checksum int, installed_by varchar(100) not null, installed_on timestamp not null default"
                    + " now(), execution_time int not null, success boolean not null)");
            s.execute("insert into flyway_schema_history values (1, '1', 'billing', 'SQL', 'V1__billing.sql', 42,"
                    + " 'billing', now(), 1, true)");
            s.execute("grant all on flyway_schema_history to cutover");
        }

        String message = refused(
                "store",
                "copy",
                "--workspace",
                ws.toString(),
                "--to",
                url(db),
                "--to-password-file",
                secretFile.toString());

        assertThat(message)
                .startsWith("error: the journal's tables in " + url(db) + " cannot be brought up to date")
                .contains("another application's");
        assertThat(tables(db)).containsExactly("flyway_schema_history");
    }

    @Test
    void a_copy_into_a_sqlite_file_that_is_not_a_journal_is_refused_and_leaves_it_untouched() throws Exception {
        Path other = dir.resolve("other.db");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + other);
                Statement s = c.createStatement()) {
            s.execute("create table invoices (id int primary key)");
        }
        byte[] before = Files.readAllBytes(other);
        Path text = Files.writeString(dir.resolve("notes.db"), "not a database at all, just some notes\n".repeat(40));

        String foreign = refused("store", "copy", "--workspace", ws.toString(), "--to", other.toString());
        String notSqlite = refused("store", "copy", "--workspace", ws.toString(), "--to", text.toString());

        assertThat(foreign)
                .contains("the store " + other + " is neither empty nor a cutover journal")
                .contains("invoices");
        assertThat(notSqlite).contains(text + " is not a SQLite database");
        assertThat(Files.readAllBytes(other)).isEqualTo(before);
        assertThat(dir.resolve("other.db-wal")).doesNotExist();
    }

    /** The workspace opens the store it remembered, with the password file it remembered. */
    @Test
    void a_store_holding_no_journal_is_refused_for_a_workspace_whose_journal_is_elsewhere_and_nothing_is_made_in_it()
            throws Exception {
        String db = newDatabase();

        String line = refused(
                "status",
                "--workspace",
                ws.toString(),
                "--store",
                url(db),
                "--store-password-file",
                secretFile.toString());

        assertThat(line).contains("holds no journal").contains("cutover store copy");
        assertThat(tables(db)).isEmpty();
        stillOpensTheRememberedStore();
    }

    private void stillOpensTheRememberedStore() {
        cutover(
                        "store",
                        "copy",
                        "--workspace",
                        ws.toString(),
                        "--to",
                        dir.resolve("copy.db").toString())
                .ok();
    }

    /** Runs a command that must be refused; checks what every refusal owes. Returns its one line. */
    private String refused(String... args) {
        String line = cutover(args).badInput();
        assertThat(line).doesNotContain(SECRET);
        try {
            assertThat(Files.readString(ws.resolve("store.properties")))
                    .as("what the workspace remembers after %s", String.join(" ", args))
                    .isEqualTo(remembered)
                    .doesNotContain(SECRET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line;
    }

    private static String url(String db) {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + db + "?user=cutover";
    }

    private static String newDatabase() throws SQLException {
        String name = "c4_" + (++databases);
        sql("create database " + name + " owner cutover");
        return name;
    }

    private static List<String> tables(String db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = pg.getDatabase("postgres", db).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select table_name from information_schema.tables where table_schema = 'public'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static Path ownerOnly(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** The role {@code cutover} signs in with a password over TCP; everyone else as before (the tests' admin). */
    private static void askCutoverForItsPassword(File dataDirectory) {
        Path hba = dataDirectory.toPath().resolve("pg_hba.conf");
        try {
            Files.writeString(
                    hba,
                    "host all cutover 127.0.0.1/32 scram-sha-256\nhost all cutover ::1/128 scram-sha-256\n"
                            + "host all nobody 127.0.0.1/32 scram-sha-256\n"
                            + Files.readString(hba));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
