package io.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.lab.Lab;
import io.cutover.plan.Phase;
import io.cutover.plan.PlanOptions;
import io.cutover.run.RunSettings;
import io.cutover.run.StatusReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} answers from the plan and the journal; only {@code status --live} asks the lab. */
class StatusFromJournalIT {
    @TempDir
    Path dir;

    private Cutover cutover;

    @BeforeEach
    void run_the_example_up_to_its_pilots() {
        cutover = new Cutover(new Workspace(dir.resolve("ws")), Clock.systemUTC(), "tester");
        cutover.labCreate(null);
        cutover.plan(PlanOptions.defaults("Skype for Business Server Subscription Edition"), null);
        RunSettings settings = new RunSettings(16, 5, Duration.ofMillis(1), null, "tester").withUntil(Phase.Pilot);
        assertThat(cutover.run(null, settings, false, t -> {}).exitCode()).isZero();
    }

    @Test
    void status_without_live_has_the_same_progress_and_no_pools_and_live_adds_the_pools_the_lab_homes() {
        StatusReport live = cutover.status(true);
        StatusReport journal = cutover.status();

        assertThat(journal.pools()).isEmpty();
        assertThat(journal.usersMoved()).isPositive();
        assertThat(journal.withPools(live.pools())).isEqualTo(live);
        Map<Fqdn, Integer> homed;
        try (Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            Inventory now = lab.snapshot();
            homed = now.pools().stream()
                    .collect(Collectors.toMap(
                            Pool::fqdn, p -> now.usersOn(p.fqdn()).size()));
        }
        assertThat(live.pools())
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.users()).isEqualTo(homed.get(p.fqdn())));
    }

    @Test
    void status_works_without_touching_the_lab_when_the_lab_database_is_unreadable_and_live_then_fails()
            throws Exception {
        StatusReport before = cutover.status();
        Files.write(dir.resolve("ws").resolve("lab").resolve("lab.db"), "not a database".getBytes());

        assertThat(cutover.status()).isEqualTo(before);
        assertThatThrownBy(() -> cutover.status(true)).isInstanceOf(CutoverException.class);
    }

    @Test
    void status_works_when_the_lab_is_gone() throws Exception {
        StatusReport before = cutover.status();
        try (var files = Files.walk(dir.resolve("ws").resolve("lab"))) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }

        assertThat(cutover.status()).isEqualTo(before);
        assertThat(cutover.status(true).pools()).isEmpty();
        assertThat(Files.exists(dir.resolve("ws").resolve("lab")))
                .as("no lab created")
                .isFalse();
    }
}
