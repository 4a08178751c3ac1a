package io.cutover.cli;

import static io.cutover.cli.Invocation.cutover;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.SipAddress;
import io.cutover.lab.Lab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Contoso example with nine Dublin users still on the Lync 2010 client, which Subscription
 * Edition refuses: held back by default (the rehearsal finishes, the pool is kept), or failing their
 * wave's gate with {@code --old-clients fail}.
 */
class ClientGateRehearseIT {
    private static final String DUBLIN_LYNC_2013 = "        - {version: \"Lync 2013 (15.0.5023.1000)\", every: 4}\n";
    /** dublin0150, 0250, ..., 0950: none is a pilot (the first 20). */
    private static final List<String> OLD = IntStream.rangeClosed(0, 8)
            .mapToObj(k -> String.format("sip:dublin%04d@contoso.com", 150 + 100 * k))
            .toList();

    @TempDir
    Path dir;

    private Path scenario() throws Exception {
        String yaml = Files.readString(Path.of("examples/contoso/scenario.yaml"), StandardCharsets.UTF_8);
        assertThat(yaml).contains(DUBLIN_LYNC_2013);
        yaml = yaml.replace(
                DUBLIN_LYNC_2013,
                DUBLIN_LYNC_2013 + "        - {version: \"Lync 2010 (4.0.7577.4484)\", every: 100, from: 150}\n");
        Path file = dir.resolve("contoso-lync2010.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private Inventory labNow(Path workspace) {
        try (Lab lab = Lab.open(workspace.resolve("lab"), Clock.systemUTC())) {
            return lab.snapshot();
        }
    }

    @Test
    void by_default_users_on_lync_2010_are_held_back_named_and_their_pool_kept_and_the_rehearsal_finishes()
            throws Exception {
        Path ws = dir.resolve("hold");
        Invocation r = cutover("rehearse", scenario().toString(), "--workspace", ws.toString())
                .ok();

        for (String sip : OLD) {
            assertThat(r.out())
                    .contains("  " + sip + " on sfb15pool-dub.contoso.com: CLIENT_NOT_SUPPORTED: last client Lync 2010"
                            + " (4.0.7577.4484) cannot sign in to Skype for Business Server Subscription Edition;"
                            + " needs Lync 2013 (15.0) or later");
        }
        assertThat(r.out()).contains("sfb15pool-dub.contoso.com: keeps 9 retained users");
        Inventory end = labNow(ws);
        assertThat(end.usersOn(Fqdn.of("sfb15pool-dub.contoso.com")))
                .extracting(u -> u.sipAddress().text())
                .containsExactlyInAnyOrderElementsOf(OLD);
        assertThat(end.usersOn(Fqdn.of("sfb19pool-dub.contoso.com"))).hasSize(1000 - OLD.size());

        Invocation explain =
                cutover("plan", "--explain", "--workspace", ws.toString()).ok();
        assertThat(explain.out()).contains("CLIENT_NOT_SUPPORTED (9)");
        Invocation status = cutover("status", "--workspace", ws.toString()).ok();
        assertThat(status.out()).contains("CLIENT_NOT_SUPPORTED");
    }

    @Test
    void with_old_clients_fail_they_move_and_their_waves_gate_stops_the_rehearsal_naming_them() throws Exception {
        Path ws = dir.resolve("fail");
        Invocation r =
                cutover("rehearse", scenario().toString(), "--workspace", ws.toString(), "--old-clients", "fail");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out())
                .containsPattern("Stopped at gate Dublin/sfb15pool-dub\\.contoso\\.com/wave-\\d\\d-validation")
                .contains("CLIENT_NOT_SUPPORTED: last client Lync 2010 (4.0.7577.4484) cannot sign in");
        List<String> named = OLD.stream().filter(r.out()::contains).toList();
        assertThat(named).isNotEmpty();
        Inventory end = labNow(ws);
        assertThat(named)
                .allSatisfy(sip -> assertThat(
                                end.usersBySip().get(SipAddress.of(sip)).pool())
                        .isEqualTo(Fqdn.of("sfb19pool-dub.contoso.com")));
    }
}
