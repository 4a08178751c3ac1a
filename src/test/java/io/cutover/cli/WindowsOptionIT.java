package io.cutover.cli;

import static io.cutover.cli.Invocation.cutover;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `--windows FILE` brings the error budgets to a rehearsal of the example. */
class WindowsOptionIT {
    @TempDir
    Path dir;

    @Test
    void a_rehearsal_whose_moves_all_fail_holds_on_the_pools_budget_and_exits_5() throws Exception {
        Path windows = Files.writeString(dir.resolve("windows.yaml"), "budget:\n  pool: {inARow: 3}\n");
        Path faults = Files.writeString(
                dir.resolve("faults.yaml"),
                "seed: 3\ninject:\n  - {type: failureRate, operation: move, pool: sfb19pool-red.contoso.com, rate: 1.0}\n");

        Invocation r = cutover(
                "rehearse",
                "--workspace",
                dir.resolve("ws").toString(),
                "--windows",
                windows.toString(),
                "--faults",
                faults.toString(),
                "--attempts",
                "1");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(5);
        assertThat(r.out() + r.err()).contains("pool lyncpool01.contoso.com: 3 moves failed in a row");
        Invocation status = cutover("status", "--workspace", dir.resolve("ws").toString());
        assertThat(status.out()).contains("): held").contains("error budget of pool lyncpool01.contoso.com");
    }
}
