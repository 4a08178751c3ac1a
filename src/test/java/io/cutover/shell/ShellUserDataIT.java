package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.app.Cutover;
import io.cutover.app.Results;
import io.cutover.app.Target;
import io.cutover.app.Workspace;
import io.cutover.deployment.UserState;
import io.cutover.inventory.SipAddress;
import io.cutover.journal.Journal;
import io.cutover.lab.Fault;
import io.cutover.lab.Lab;
import io.cutover.plan.Phase;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Step;
import io.cutover.run.RunSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users verified through the shell: Export-CsUserData before the move, Update-CsUserData after a rollback. */
class ShellUserDataIT {
    private static final String PILOT = "Dublin/sfb15pool-dub.contoso.com/pilot";

    @TempDir
    Path dir;

    @Test
    void a_pilot_that_loses_its_data_through_the_shell_fails_its_gate_by_name_and_rolls_back_with_it_restored()
            throws Exception {
        Path ws = dir.resolve("ws");
        Cutover cutover = new Cutover(new Workspace(ws), Clock.systemUTC(), "tester");
        cutover.labCreate(null);
        try (Lab lab = Lab.open(ws.resolve("lab"), Clock.systemUTC())) {
            for (Fault.UserData d : List.of(Fault.UserData.Contacts, Fault.UserData.Meetings, Fault.UserData.LineUri)) {
                lab.inject(new Fault.LoseOnMove("sfb19pool-dub.contoso.com", d));
            }
        }
        cutover.plan(PlanOptions.defaults("Skype for Business Server Subscription Edition"), null);
        Path exports = Files.createDirectories(dir.resolve("userdata"));
        Target shell = Target.shell(new ShellSettings(
                        FakeShells.command(ws.resolve("lab"), Map.of()), Duration.ofSeconds(120), 100, Encoding.ASCII)
                .withUserData(exports));
        RunSettings settings = new RunSettings(20, 3, Duration.ofMillis(1), Phase.PilotValidation, "tester")
                .withSites(List.of("Dublin"));

        Results.RunResult run = cutover.run(null, settings, false, t -> {}, shell);

        assertThat(run.outcome()).as("%s: %s", run.message(), run.failures()).isEqualTo("gate-failed");
        List<SipAddress> pilot = ((Step.MoveBatch) cutover.readPlan(ws.resolve("plan.json"))
                        .findStep(PILOT)
                        .orElseThrow())
                .moves().stream().map(m -> m.subject().sipAddress()).toList();
        assertThat(run.status().blocker().subjects())
                .containsExactlyInAnyOrderElementsOf(
                        pilot.stream().map(SipAddress::text).toList());
        assertThat(run.status().blocker().details())
                .anySatisfy(d -> assertThat(d).contains("contacts was").contains("now 0"))
                .anySatisfy(d -> assertThat(d).contains("meetings:"));
        try (var files = Files.list(exports)) {
            assertThat(files.count()).as("an export per user read").isGreaterThanOrEqualTo(pilot.size());
        }

        Results.RollbackResult result = cutover.rollback(PILOT, settings, impact -> true, shell);

        assertThat(result.failures()).isEmpty();
        assertThat(differences(ws, pilot)).isEmpty();
    }

    private static List<String> differences(Path ws, List<SipAddress> users) {
        try (Journal journal = Journal.open(ws.resolve("journal.db"));
                Lab lab = Lab.open(ws.resolve("lab"), Clock.systemUTC())) {
            Map<SipAddress, UserState> before =
                    journal.userStates().of(journal.currentRunId().orElseThrow(), users);
            assertThat(before.keySet()).containsExactlyInAnyOrderElementsOf(users);
            assertThat(before.values()).allSatisfy(s -> assertThat(s.contacts()).isPositive());
            // The shell driver does not read the conference directory; the lab does.
            return lab.userStates(users).stream()
                    .map(s -> new UserState(
                            s.sipAddress(),
                            s.perUser(),
                            s.effective(),
                            s.lineUri(),
                            s.enterpriseVoice(),
                            s.conferenceIds(),
                            null,
                            s.contacts(),
                            null))
                    .flatMap(now -> before.get(now.sipAddress()).differences(now).stream())
                    .toList();
        }
    }
}
