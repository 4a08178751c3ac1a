package io.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.journal.Store;
import io.cutover.plan.PlanOptions;
import io.cutover.run.RunSettings;
import io.cutover.run.RunState;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A migration whose journal is in PostgreSQL, remembered by the workspace. */
class PostgresRunIT {
    private static final String TARGET = "Skype for Business Server 2019";

    /** One Lync 2013 pool of 60 users and a few objects, moving to 2019 in one site. */
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
                users: {count: 60, name: "user{n:03}", displayName: "User {n}", test: 2}
                objects: {CommonAreaPhone: 4, MeetingRoom: 2, RgsConfiguration: 1}
              - {fqdn: edge13.contoso.com, site: Redmond, role: Edge, version: Lync Server 2013, servers: 1,
                 nextHop: pool13.contoso.com}
              - {fqdn: pool19.contoso.com, site: Redmond, role: FrontEnd, version: Skype for Business Server 2019, servers: 2}
              - {fqdn: edge19.contoso.com, site: Redmond, role: Edge, version: Skype for Business Server 2019, servers: 1,
                 nextHop: pool19.contoso.com}
            cms: pool13.contoso.com
            partners: [fabrikam.com]
            """;

    @TempDir
    Path dir;

    @Test
    void a_workspace_that_remembers_a_postgresql_store_runs_the_migration_with_its_journal_there() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Workspace ws = new Workspace(dir.resolve("ws"));
            Path secret = Files.writeString(dir.resolve("store-password"), "s3cret\n");
            Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            ws.rememberStore(pg.getJdbcUrl("postgres", "postgres"), secret);
            Cutover cutover = new Cutover(ws, Clock.systemUTC(), "alice");
            Path scenario = Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
            cutover.labCreate(scenario);
            cutover.plan(PlanOptions.defaults(TARGET), null);

            var result = cutover.run(null, new RunSettings(8, 5, Duration.ofMillis(1), null, "alice"), false, t -> {});

            assertThat(result.exitCode()).as(result.message()).isZero();
            assertThat(new Cutover(new Workspace(ws.dir()), Clock.systemUTC(), "bob")
                            .status()
                            .state())
                    .isEqualTo(RunState.FINISHED);
            assertThat(ws.journal()).doesNotExist();
            assertThat(Files.readString(ws.storeFile())).doesNotContain("s3cret");
            assertThat(((Store.Postgres) ws.store()).password()).isEqualTo("s3cret");
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "select count(*) from journal where event = 'end' and outcome = 'ok' and to_pool is not null")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(60);
            }
        }
    }
}
