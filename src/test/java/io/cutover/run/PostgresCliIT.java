package io.cutover.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --store} from the command line, with the shaded jar: given once, remembered after. */
class PostgresCliIT {
    private static final Duration EXIT = Duration.ofMinutes(2);
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
                users: {count: 40, name: "user{n:03}", displayName: "User {n}", test: 2}
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

    private final Set<CliChild> live = ConcurrentHashMap.newKeySet();

    @AfterEach
    void killWhatIsLeft() {
        live.forEach(CliChild::destroy);
    }

    private int cutover(String name, String... args) throws Exception {
        Path jar = Path.of("target/cutover.jar").toAbsolutePath();
        CliChild child = CliChild.start(jar, dir.resolve("logs"), name, live, args);
        int code = child.waitFor(EXIT);
        assertThat(code).as(child.tails()).isZero();
        return code;
    }

    @Test
    void a_store_given_once_on_the_command_line_keeps_the_run_in_postgresql_for_every_later_command() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Path ws = dir.resolve("ws");
            Path scenario = Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
            String url = pg.getJdbcUrl("postgres", "postgres");

            cutover("lab", "lab", "create", "--workspace", ws.toString(), scenario.toString());
            cutover("plan", "plan", "--workspace", ws.toString(), "--store", url, "--target", "2019");
            cutover("run", "run", "--workspace", ws.toString());
            cutover("status", "status", "--workspace", ws.toString());

            assertThat(ws.resolve("journal.db")).doesNotExist();
            assertThat(Files.readString(ws.resolve("store.properties"))).contains("jdbc\\:postgresql");
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from run")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }
}
