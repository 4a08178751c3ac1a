package io.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's happy paths, in process, against a lab in a temporary workspace. */
class CliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    Path ws;

    @BeforeEach
    void workspace() {
        ws = tmp.resolve("ws");
    }

    @Test
    void help_lists_every_verb_and_the_exit_codes() {
        Invocation help = Invocation.cutover("--help").ok();

        assertThat(help.err()).isEmpty();
        List<String> verbs = help.out()
                .lines()
                .map(String::strip)
                .map(l -> l.split("\\s+")[0])
                .toList();
        assertThat(verbs)
                .contains(
                        "rehearse",
                        "lab",
                        "plan",
                        "run",
                        "status",
                        "pause",
                        "abort",
                        "rollback",
                        "decommission",
                        "bench");
        assertThat(help.out())
                .contains("Exit codes:")
                .containsPattern("(?m)^\\s*0\\s+ok$")
                .containsPattern("(?m)^\\s*1\\s+internal error$")
                .containsPattern("(?m)^\\s*2\\s+bad input")
                .containsPattern("(?m)^\\s*3\\s+a gate or check failed")
                .containsPattern("(?m)^\\s*4\\s+rolled back");
    }

    @Test
    void lab_inspect_prints_the_created_lab_as_json_with_the_bundled_users() throws IOException {
        cutover("lab", "create").ok();

        Invocation inspect = cutover("lab", "inspect", "--json").ok();

        JsonNode lab = JSON.readTree(inspect.out());
        assertThat(lab.get("users").asInt()).isGreaterThanOrEqualTo(2000);
        List<String> pools = new ArrayList<>();
        lab.get("pools").forEach(p -> pools.add(p.get("fqdn").asText()));
        assertThat(pools).contains("lyncpool01.contoso.com", "sfb15pool-dub.contoso.com", "sfb19pool-red.contoso.com");
        assertThat(inspect.err()).isEmpty();
    }

    @Test
    void plan_json_reports_the_checksum_of_the_plan_it_wrote() throws IOException {
        cutover("lab", "create").ok();

        Invocation plan = cutover("plan", "--json").ok();

        JsonNode result = JSON.readTree(plan.out());
        Plan written = PlanCodec.fromJson(Files.readString(ws.resolve("plan.json")), "plan.json");
        assertThat(result.get("checksum").asText()).matches("[0-9a-f]{64}").isEqualTo(written.checksum());
        assertThat(result.get("steps").asInt())
                .isEqualTo(written.steps().size())
                .isPositive();
    }

    @Test
    void a_dry_run_lists_the_steps_it_would_run_and_changes_nothing() throws IOException {
        cutover("lab", "create").ok();
        cutover("plan").ok();
        Plan plan = PlanCodec.fromJson(Files.readString(ws.resolve("plan.json")), "plan.json");
        FileTree before = FileTree.of(ws);

        Invocation dry = cutover("run", "--dry-run").ok();

        List<String> lines = dry.out().lines().toList();
        Matcher header = Pattern.compile("dry run of plan ([0-9a-f]{12}): (\\d+) steps would run")
                .matcher(lines.get(0));
        assertThat(header.matches()).as(lines.get(0)).isTrue();
        assertThat(plan.checksum()).startsWith(header.group(1));
        assertThat(Integer.parseInt(header.group(2)))
                .isEqualTo(plan.steps().size())
                .isEqualTo(lines.size() - 1);
        assertThat(lines.get(1).strip())
                .isEqualTo(plan.steps().get(0).id() + ": " + plan.steps().get(0).title());
        assertThat(FileTree.of(ws)).isEqualTo(before);
        assertThat(ws.resolve("journal.db")).doesNotExist();
    }

    @Test
    void a_run_up_to_a_phase_stops_there_and_status_shows_where_it_stands() {
        cutover("lab", "create").ok();
        cutover("plan").ok();

        Invocation run = cutover("run", "--until", "Prepare").ok();

        assertThat(run.out()).contains("reached: every step up to phase Prepare done");
        Invocation status = cutover("status").ok();
        assertThat(status.out())
                .containsPattern("Run run-\\d+ \\(plan [0-9a-f]{12}\\)")
                .contains("next step: ");
        Invocation dry = cutover("run", "--dry-run").ok();
        assertThat(dry.out())
                .as("the dry run of a started run lists only what is left")
                .doesNotContain("/deploy-target:")
                .contains("/pilot");
    }

    @Test
    void lab_inject_puts_a_fault_profile_in_force_and_inspect_lists_it() throws IOException {
        cutover("lab", "create").ok();
        Path faults = Files.writeString(
                tmp.resolve("faults.yaml"),
                "seed: 7\ninject:\n  - {type: poolDown, pool: sfb19pool-dub.contoso.com}\n");
        FileTree before = FileTree.of(ws);

        Invocation inject = cutover("lab", "inject", faults.toString()).ok();

        assertThat(inject.out()).contains("faults (seed 7):").contains("sfb19pool-dub.contoso.com");
        assertThat(FileTree.of(ws))
                .as("the lab journals the injection (and the tree sees writes)")
                .isNotEqualTo(before);
        assertThat(cutover("lab", "inspect").ok().out()).contains("faults (seed 7):");
    }

    @Test
    void a_pilot_gate_failure_is_exit_3_status_names_the_check_and_users_and_rollback_shows_the_pilot_back_home()
            throws IOException {
        Invocation rehearse = cutover("rehearse", "--faults", "examples/contoso/faults-pilot.yaml");
        assertThat(rehearse.exitCode()).as(rehearse.err()).isEqualTo(3);
        assertThat(rehearse.out()).contains("Stopped at gate Redmond/lyncpool01.contoso.com/pilot-validation");

        Invocation status = cutover("status");
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.out())
                .contains("stopped at a gate", "failed check: policy parity of 20 users", "sip:redmond0001@contoso.com")
                .contains("per-user ConferencingPolicy was");

        Invocation rollback = cutover("rollback", "--to", "Redmond/lyncpool01.contoso.com/pilot", "--yes");
        assertThat(rollback.exitCode()).as(rollback.err()).isEqualTo(4);
        assertThat(rollback.out())
                .contains(
                        "20 users and 0 objects go back",
                        "move 20 x User sfb19pool-red.contoso.com -> lyncpool01.contoso.com");

        JsonNode after = JSON.readTree(cutover("status", "--live", "--json").out());
        assertThat(after.get("usersRolledBack").asInt()).isEqualTo(20);
        List<String> homes = new ArrayList<>();
        after.get("pools")
                .forEach(p ->
                        homes.add(p.get("fqdn").asText() + "=" + p.get("users").asInt()));
        assertThat(homes).contains("sfb19pool-red.contoso.com=0", "lyncpool01.contoso.com=1200");
        assertThat(cutover("rollback", "--to", "Redmond/lyncpool01.contoso.com/pilot", "--yes")
                        .exitCode())
                .as("nothing left to undo")
                .isZero();
    }

    @Test
    void
            rehearse_prints_every_phase_done_every_check_passed_the_retained_users_and_the_pools_it_decommissioned_and_kept() {
        Invocation rehearse = cutover("rehearse").ok();

        String out = rehearse.out();
        assertThat(out).contains("Redmond", "Dublin", "lyncpool01.contoso.com", "sfb15pool-dub.contoso.com");
        List<String> phaseLines = out.lines()
                .filter(l -> l.matches("^\\s+\\w+: \\w.*") && l.contains(": done"))
                .toList();
        assertThat(phaseLines)
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).doesNotContain("pending", "in progress", "rolled back"));
        Matcher checks = Pattern.compile("Checks passed: (\\d+) of (\\d+)").matcher(out);
        assertThat(checks.find()).isTrue();
        assertThat(checks.group(1)).isEqualTo(checks.group(2));
        Matcher users = Pattern.compile("Users moved: (\\d+) of (\\d+) planned; (\\d+) retained")
                .matcher(out);
        assertThat(users.find()).isTrue();
        assertThat(users.group(1)).isEqualTo(users.group(2));
        assertThat(Integer.parseInt(users.group(1)) + Integer.parseInt(users.group(3)))
                .isEqualTo(2200);
        assertThat(out.lines().filter(l -> l.contains("on lyncpool01.contoso.com: depends on")))
                .hasSize(Integer.parseInt(users.group(3)));
        assertThat(out)
                .contains(
                        "Pools decommissioned after a passing drain check:\n  sfb15edge-dub.contoso.com\n  sfb15pool-dub.contoso.com\n");
        assertThat(out).containsPattern("lyncpool01.contoso.com: keeps \\d+ retained users");
        assertThat(out).containsPattern("Outcome: finished .*; wall time [0-9.]+ s");
    }

    private Invocation cutover(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--workspace");
        all.add(ws.toString());
        return Invocation.cutover(all.toArray(String[]::new));
    }
}
