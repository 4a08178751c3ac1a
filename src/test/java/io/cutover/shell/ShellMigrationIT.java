package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.app.Cutover;
import io.cutover.app.Results;
import io.cutover.app.Target;
import io.cutover.app.Workspace;
import io.cutover.deployment.PoolState;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.journal.Entry;
import io.cutover.journal.Event;
import io.cutover.journal.Journal;
import io.cutover.lab.Lab;
import io.cutover.plan.PlanOptions;
import io.cutover.run.RunSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole example migration through the shell driver, with the fake Management Shell (a
 * separate process per script) standing in for a real deployment backed by a lab, against the
 * same migration run by the lab driver directly.
 */
class ShellMigrationIT {
    private static final String TARGET = "Skype for Business Server Subscription Edition";

    @TempDir
    Path dir;

    private static Cutover cutover(Path ws) {
        return new Cutover(new Workspace(ws), Clock.systemUTC(), "tester");
    }

    @Test
    void
            the_example_migration_through_the_shell_ends_in_the_state_the_lab_driver_reaches_with_the_same_journal_steps() {
        Path direct = dir.resolve("direct");
        Path shell = dir.resolve("shell");
        RunSettings settings = new RunSettings(200, 5, Duration.ofMillis(1), null, "tester");
        prepare(direct);
        prepare(shell);
        // The plans differ only in the lab path they name as their source.
        assertThat(cutover(shell).readPlan(shell.resolve("plan.json")).steps())
                .isEqualTo(cutover(direct).readPlan(direct.resolve("plan.json")).steps());

        Results.RunResult byLab = cutover(direct).run(null, settings, false, t -> {});
        ShellSettings shellSettings = new ShellSettings(
                FakeShells.command(shell.resolve("lab"), Map.of()), Duration.ofSeconds(120), 200, Encoding.ASCII);
        Results.RunResult byShell = cutover(shell).run(null, settings, false, t -> {}, Target.shell(shellSettings));

        assertThat(byLab.outcome()).isEqualTo("finished");
        assertThat(byShell.outcome())
                .as("%s: %s", byShell.message(), byShell.failures())
                .isEqualTo("finished");
        assertThat(byShell.status().usersMoved())
                .isEqualTo(byLab.status().usersMoved())
                .isEqualTo(2183);

        State a = state(direct);
        State b = state(shell);
        assertThat(b.users()).isEqualTo(a.users());
        assertThat(b.objects()).isEqualTo(a.objects());
        assertThat(b.routes()).isEqualTo(a.routes());
        assertThat(b.cms()).isEqualTo(a.cms());
        assertThat(b.pools()).isEqualTo(a.pools());
        assertThat(b.meetings()).isEqualTo(a.meetings());
        assertThat(b.clients()).isEqualTo(a.clients());

        assertThat(steps(shell)).isEqualTo(steps(direct));
    }

    private static void prepare(Path ws) {
        cutover(ws).labCreate(null);
        cutover(ws).plan(PlanOptions.defaults(TARGET), null);
    }

    /** What a migration changes, without the times at which it changed it. */
    record State(
            Map<String, String> users,
            Map<String, String> objects,
            Map<String, String> routes,
            String cms,
            Map<String, PoolState> pools,
            List<String> meetings,
            List<String> clients) {}

    private static State state(Path ws) {
        try (Lab lab = Lab.open(ws.resolve("lab"), Clock.systemUTC())) {
            Inventory inv = lab.snapshot();
            Map<String, String> users = new TreeMap<>();
            inv.users().forEach(u -> users.put(u.sipAddress().text(), u.pool() + " " + new TreeMap<>(u.policies())));
            Map<String, String> objects = new TreeMap<>();
            inv.objects()
                    .forEach(o ->
                            objects.put(o.kind() + ":" + o.identity(), o.pool().text()));
            Map<String, String> routes = new TreeMap<>();
            inv.sites().forEach(s -> routes.put(s.name(), s.federationRoute() + " " + s.xmppFederationRoute()));
            Map<String, PoolState> pools = new TreeMap<>();
            for (Pool p : inv.pools()) {
                pools.put(p.fqdn().text(), lab.poolState(p.fqdn()));
            }
            List<String> meetings = inv.meetings().stream()
                    .map(m -> m.organizer() + " " + m.conferenceId() + " " + m.pool() + " " + m.clientVersion())
                    .sorted()
                    .toList();
            List<String> clients = inv.clients().stream()
                    .map(c -> c.sipAddress() + " " + c.clientVersion())
                    .sorted()
                    .toList();
            return new State(users, objects, routes, inv.cmsPool().text(), pools, meetings, clients);
        }
    }

    /** Per step and item, the outcomes of its attempts in order (retries included). */
    private static Map<String, String> steps(Path ws) {
        try (Journal journal = Journal.open(ws.resolve("journal.db"))) {
            List<Entry> entries =
                    journal.entries(journal.currentRun().orElseThrow().id());
            return entries.stream()
                    .filter(e -> e.event() == Event.END)
                    .collect(Collectors.groupingBy(
                            e -> e.stepId() + " " + (e.item() == null ? "" : e.item()),
                            TreeMap::new,
                            Collectors.mapping(e -> e.outcome().name(), Collectors.joining(","))));
        }
    }
}
