package io.cutover.cli;

import static io.cutover.cli.Invocation.cutover;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rehearsal's gates probe over SIP. Clients of a site with a Director sign in there first and are
 * redirected to their home pool, which the in-memory rules do not model: only over SIP does a
 * Director whose front-end service is stopped fail the pilot's registrations, with its own 503.
 */
class RehearseOverSipIT {
    private static final String SCENARIO = """
            name: Director
            domain: contoso.com
            epoch: 2024-03-01T09:00:00Z
            sites: [{name: Redmond, siteId: 1}]
            pools:
              - {fqdn: dir01.contoso.com, site: Redmond, role: Director, version: Lync Server 2013, servers: 1}
              - {fqdn: pool13.contoso.com, site: Redmond, role: FrontEnd, version: Lync Server 2013, servers: 1,
                 users: {count: 4, name: "user{n}", test: 2}}
              - {fqdn: pool19.contoso.com, site: Redmond, role: FrontEnd, version: Skype for Business Server 2019, servers: 1}
            cms: pool13.contoso.com
            """;

    @TempDir
    Path dir;

    @Test
    void a_rehearsal_signs_users_in_through_the_sites_director_over_sip() throws Exception {
        Path healthy = dir.resolve("healthy.yaml");
        Files.writeString(healthy, SCENARIO);
        // The scenario's new pool is Skype for Business Server 2019.
        cutover(
                        "rehearse",
                        healthy.toString(),
                        "--target",
                        "2019",
                        "--workspace",
                        dir.resolve("ok").toString())
                .ok();

        Path broken = dir.resolve("director-stopped.yaml");
        Files.writeString(
                broken,
                SCENARIO
                        + "faults:\n  seed: 1\n  inject:\n    - {type: serviceStopped, pool: dir01.contoso.com, service: RTCSRV}\n");
        Invocation run = cutover(
                "rehearse",
                broken.toString(),
                "--target",
                "2019",
                "--workspace",
                dir.resolve("stopped").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.out())
                .contains("Stopped at gate Redmond/pool13.contoso.com/pilot-validation")
                .contains(
                        "Test-CsRegistration sip:user1@contoso.com: Failure on pool19.contoso.com: RTCSRV stopped on dir01-dir1.contoso.com"
                                + " [503 Service Unavailable: RTCSRV stopped on dir01-dir1.contoso.com]");
    }
}
