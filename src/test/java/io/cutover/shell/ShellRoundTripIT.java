package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.catalog.Catalog;
import io.cutover.deployment.DeploymentFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The driver tells its watch of every script it ran, through a real process per script: how many operations, and whether it ended well. */
class ShellRoundTripIT {
    record Trip(int operations, boolean ok, Duration took) {}

    private final List<Trip> trips = Collections.synchronizedList(new ArrayList<>());

    private ShellDeployment shell(String script) {
        ShellSettings settings = new ShellSettings(
                        List.of("sh", "-c", script),
                        Duration.ofSeconds(30),
                        ShellSettings.DEFAULT_BATCH,
                        Encoding.ASCII)
                .withMode(ShellSettings.Mode.SCRIPT);
        return new ShellDeployment(settings, Catalog.bundled(), (n, ok, took) -> trips.add(new Trip(n, ok, took)));
    }

    @Test
    void a_script_that_answers_every_operation_is_one_round_trip_that_ended_well() {
        ShellDeployment shell = shell(
                "cat > /dev/null; echo '{\"cutoverItem\":1,\"ok\":true}'; echo '{\"cutoverItem\":2,\"ok\":true}'");

        List<ShellDeployment.Answer> answers = shell.run(List.of("Get-CsPool", "Get-CsSite"));

        assertThat(answers).allMatch(ShellDeployment.Answer::ok);
        assertThat(trips).hasSize(1);
        assertThat(trips.get(0).operations()).isEqualTo(2);
        assertThat(trips.get(0).ok()).isTrue();
        assertThat(trips.get(0).took()).isPositive();
    }

    @Test
    void a_shell_that_refuses_the_script_is_a_round_trip_that_failed() {
        ShellDeployment shell = shell("cat > /dev/null; exit 3");

        assertThatThrownBy(() -> shell.run("Get-CsPool")).isInstanceOf(DeploymentFailure.class);

        assertThat(trips)
                .extracting(Trip::operations, Trip::ok)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, false));
    }
}
