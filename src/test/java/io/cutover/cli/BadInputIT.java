package io.cutover.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.inventory.Fqdn;
import io.cutover.plan.Move;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanCodec;
import io.cutover.plan.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input at every entry point of the command line: one line on stderr naming what is wrong and
 * where, exit code 2, and nothing written to the workspace.
 */
class BadInputIT {
    /** A valid scenario; each malformed case replaces one of its lines (1-based). */
    private static final String SCENARIO = """
            name: Broken
            domain: contoso.com
            epoch: 2024-03-01T09:00:00Z
            sites:
              - name: Redmond
                siteId: 1
            pools:
              - fqdn: pool.contoso.com
                site: Redmond
                role: FrontEnd
                version: Lync Server 2013
                servers: 2
                users:
                  count: 10
                  name: "user{n:02}"
            cms: pool.contoso.com
            users:
              - {sip: "sip:alice@contoso.com", pool: pool.contoso.com}
            """;

    @TempDir
    Path tmp;

    Path ws;

    @BeforeEach
    void workspace() {
        ws = tmp.resolve("ws");
    }

    // ---- lab create --------------------------------------------------------------------------

    static Stream<Arguments> malformedScenarios() {
        return Stream.of(
                Arguments.of("yaml-syntax.yaml", 12, "    servers: 2\n   bad: indentation: here", 13, "not valid YAML"),
                Arguments.of("two-colons.yaml", 6, "    siteId: 1: 2", 6, "not valid YAML"),
                Arguments.of("unknown-field.yaml", 12, "    serverz: 2", 12, "pools[0].serverz: unknown field"),
                Arguments.of(
                        "unknown-version.yaml",
                        11,
                        "    version: Skype for Business Server 2030",
                        11,
                        "unknown version 'Skype for Business Server 2030'"),
                Arguments.of(
                        "user-on-unknown-pool.yaml",
                        18,
                        "  - {sip: \"sip:alice@contoso.com\", pool: ghost.contoso.com}",
                        18,
                        "users[0].pool: no pool 'ghost.contoso.com'"),
                Arguments.of("pool-in-unknown-site.yaml", 9, "    site: Paris", 9, "no site 'Paris'"),
                Arguments.of(
                        "cms-on-unknown-pool.yaml", 16, "cms: ghost.contoso.com", 16, "no pool 'ghost.contoso.com'"),
                Arguments.of(
                        "count-is-text.yaml",
                        14,
                        "      count: ten",
                        14,
                        "pools[0].users.count: expected a whole number, found the text 'ten'"),
                Arguments.of(
                        "site-id-is-a-list.yaml",
                        6,
                        "    siteId: [1]",
                        6,
                        "sites[0].siteId: expected a whole number, found a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedScenarios")
    void a_malformed_scenario_is_refused_naming_its_file_and_line_and_no_workspace_is_created(
            String fileName, int replacedLine, String replacement, int reportedLine, String what) throws IOException {
        Path scenario = write(fileName, replaceLine(SCENARIO, replacedLine, replacement));

        String error = cutover("lab", "create", scenario.toString()).badInput();

        assertThat(error).contains(fileName + ":" + reportedLine + ": ").contains(what);
        assertThat(ws).doesNotExist();
    }

    @Test
    void the_scenario_the_malformed_cases_are_made_from_is_itself_valid() throws IOException {
        Path scenario = write("valid.yaml", SCENARIO);

        cutover("lab", "create", scenario.toString()).ok();

        assertThat(ws.resolve("lab")).isDirectory();
    }

    @Test
    void a_scenario_file_that_does_not_exist_is_refused_by_name_and_no_workspace_is_created() {
        String error =
                cutover("lab", "create", tmp.resolve("nowhere.yaml").toString()).badInput();

        assertThat(error).contains("nowhere.yaml").contains("no such file");
        assertThat(ws).doesNotExist();
    }

    @Test
    void creating_a_lab_where_one_exists_is_refused_and_leaves_the_existing_lab_as_it_was() throws IOException {
        createLab();
        FileTree before = FileTree.of(ws);
        Path other = write("other.yaml", SCENARIO);

        String error = cutover("lab", "create", other.toString()).badInput();

        assertThat(error).contains("a lab already exists in " + ws.resolve("lab"));
        assertThat(FileTree.of(ws)).isEqualTo(before);
        assertThat(cutover("lab", "inspect").ok().out()).contains("Lab Contoso").doesNotContain("Broken");
    }

    // ---- plan --------------------------------------------------------------------------------

    @Test
    void planning_for_an_unknown_version_is_refused_naming_the_version_and_writes_no_plan() {
        createLab();
        FileTree before = FileTree.of(ws);

        String error =
                cutover("plan", "--target", "Skype for Business Server 2030").badInput();

        assertThat(error)
                .contains("unknown product version 'Skype for Business Server 2030'")
                .contains("Skype for Business Server 2019");
        assertThat(FileTree.of(ws)).isEqualTo(before);
        assertThat(ws.resolve("plan.json")).doesNotExist();
    }

    @Test
    void planning_for_an_unknown_version_to_an_explicit_file_writes_neither_the_file_nor_the_workspace() {
        Path out = tmp.resolve("out").resolve("plan.json");

        String error = cutover("plan", "--target", "Skype for Business Server 2030", "--out", out.toString())
                .badInput();

        assertThat(error).contains("'Skype for Business Server 2030'");
        assertThat(out.getParent()).doesNotExist();
        assertThat(ws).doesNotExist();
    }

    @Test
    void planning_without_a_lab_is_refused_and_creates_nothing() {
        String error = cutover("plan").badInput();

        assertThat(error).contains("no lab in " + ws.resolve("lab")).contains("cutover lab create");
        assertThat(ws).doesNotExist();
    }

    // ---- run ---------------------------------------------------------------------------------

    @Test
    void a_plan_moving_users_to_a_pool_the_lab_does_not_have_is_refused_naming_the_pool_and_no_journal_is_created()
            throws IOException {
        createLab();
        Plan real = PlanCodec.fromJson(Files.readString(makePlan()), "plan.json");
        List<Step> steps = new ArrayList<>(real.steps());
        int i = indexOfFirstMoveBatch(steps);
        Step.MoveBatch batch = (Step.MoveBatch) steps.get(i);
        List<Move> ghostly = batch.moves().stream()
                .map(m -> new Move(m.subject(), m.from(), Fqdn.of("ghost.contoso.com")))
                .toList();
        steps.set(i, new Step.MoveBatch(batch.id(), batch.site(), batch.pool(), batch.phase(), batch.name(), ghostly));
        Plan sealed = PlanCodec.seal(
                new Plan(real.format(), real.source(), real.options(), steps, real.retained(), real.kept(), null));
        Path ghost = write("ghost-plan.json", PlanCodec.toJson(sealed));
        assertThat(PlanCodec.fromJson(Files.readString(ghost), "ghost-plan.json")
                        .checksum())
                .as("the rewritten plan carries a valid checksum, so only the pool can be refused")
                .isEqualTo(sealed.checksum());
        FileTree before = FileTree.of(ws);

        String error = cutover("run", ghost.toString()).badInput();

        assertThat(error)
                .contains("ghost-plan.json")
                .contains("'ghost.contoso.com'")
                .contains(batch.id());
        assertThat(FileTree.of(ws)).isEqualTo(before);
        assertThat(journal()).doesNotExist();
    }

    @Test
    void a_hand_edited_plan_is_refused_for_its_checksum_naming_the_file_and_no_journal_is_created() throws IOException {
        createLab();
        String json = Files.readString(makePlan());
        String edited = json.replaceFirst("\"pilotCount\" : 20,", "\"pilotCount\" : 21,");
        assertThat(edited).as("the edit took").isNotEqualTo(json);
        Path plan = write("edited-plan.json", edited);
        FileTree before = FileTree.of(ws);

        String error = cutover("run", plan.toString()).badInput();

        assertThat(error)
                .contains("edited-plan.json: checksum")
                .contains("does not match the plan's content")
                .contains("cutover plan");
        assertThat(FileTree.of(ws)).isEqualTo(before);
        assertThat(journal()).doesNotExist();
    }

    @Test
    void a_plan_that_is_not_json_is_refused_naming_the_file_and_line() throws IOException {
        createLab();
        Path plan = write("not-json.json", "{\n  \"format\" : 1,\n  \"steps\" : [ oops ]\n}\n");
        FileTree before = FileTree.of(ws);

        String error = cutover("run", plan.toString()).badInput();

        assertThat(error).contains("not-json.json:3: not a valid plan");
        assertThat(FileTree.of(ws)).isEqualTo(before);
        assertThat(journal()).doesNotExist();
    }

    @Test
    void resuming_with_a_plan_other_than_the_journals_is_refused_and_the_journal_is_unchanged()
            throws IOException, SQLException {
        createLab();
        Path planA = makePlan();
        String checksumA =
                PlanCodec.fromJson(Files.readString(planA), "plan.json").checksum();
        startRunUntilPrepare();
        Path planB = tmp.resolve("planB.json");
        cutover("plan", "--pilot", "5", "--out", planB.toString()).ok();
        String checksumB =
                PlanCodec.fromJson(Files.readString(planB), "planB.json").checksum();
        assertThat(checksumB).as("plan B differs from plan A").isNotEqualTo(checksumA);
        FileTree before = FileTree.of(ws);
        long rows = journalRows();
        assertThat(rows).as("the run of plan A journaled its steps").isPositive();

        String error = cutover("run", "--resume", planB.toString()).badInput();

        assertThat(error)
                .contains("planB.json has checksum " + checksumB.substring(0, 12))
                .contains("started with plan " + checksumA.substring(0, 12));
        assertThat(FileTree.of(ws)).isEqualTo(before);
        assertThat(journalRows()).isEqualTo(rows);
    }

    @Test
    void resuming_when_there_is_no_journal_is_refused_and_creates_nothing() {
        createLab();
        makePlan();
        FileTree before = FileTree.of(ws);

        String error = cutover("run", "--resume").badInput();

        assertThat(error).contains("nothing to resume").contains("cutover run");
        assertThat(FileTree.of(ws)).isEqualTo(before);
        assertThat(journal()).doesNotExist();
    }

    @Test
    void resuming_in_a_workspace_that_does_not_exist_is_refused_and_does_not_create_it() {
        String error = cutover("run", "--resume").badInput();

        assertThat(error).contains("nothing to resume");
        assertThat(ws).doesNotExist();
    }

    @Test
    void running_a_started_plan_again_without_resume_is_refused_and_writes_nothing() throws SQLException {
        createLab();
        makePlan();
        startRunUntilPrepare();
        FileTree before = FileTree.of(ws);
        long rows = journalRows();

        String error = cutover("run").badInput();

        assertThat(error).contains("already has run run-").contains("cutover run --resume");
        assertThat(FileTree.of(ws)).isEqualTo(before);
        assertThat(journalRows()).isEqualTo(rows);
    }

    @Test
    void running_a_plan_file_that_does_not_exist_is_refused_by_name_and_creates_nothing() {
        createLab();
        FileTree before = FileTree.of(ws);

        String error =
                cutover("run", tmp.resolve("missing-plan.json").toString()).badInput();

        assertThat(error).contains("missing-plan.json: no such file");
        assertThat(FileTree.of(ws)).isEqualTo(before);
    }

    // ---- rollback, decommission, status --------------------------------------------------------

    @Test
    void rolling_back_to_a_step_the_plan_does_not_have_is_refused_and_the_journal_is_unchanged() throws SQLException {
        createLab();
        makePlan();
        startRunUntilPrepare();
        FileTree before = FileTree.of(ws);
        long rows = journalRows();

        String error = cutover("rollback", "--to", "no/such/step", "--yes").badInput();

        assertThat(error).contains("no step 'no/such/step'").contains("cutover status");
        assertThat(FileTree.of(ws)).isEqualTo(before);
        assertThat(journalRows()).isEqualTo(rows);
    }

    @Test
    void decommissioning_a_pool_the_lab_does_not_have_is_refused_naming_the_pool_and_the_journal_is_unchanged()
            throws SQLException {
        createLab();
        makePlan();
        startRunUntilPrepare();
        FileTree before = FileTree.of(ws);
        long rows = journalRows();

        String error = cutover("decommission", "ghost.contoso.com").badInput();

        assertThat(error).contains("unknown pool 'ghost.contoso.com'");
        assertThat(FileTree.of(ws)).isEqualTo(before);
        assertThat(journalRows()).isEqualTo(rows);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "status",
                "pause",
                "abort",
                "rollback --yes",
                "rollback --preview",
                "decommission lyncpool01.contoso.com"
            })
    void a_verb_that_needs_a_run_is_refused_without_one_and_creates_nothing(String verb) {
        String error = cutover(verb.split(" ")).badInput();

        assertThat(error).contains("no run in " + ws).contains("cutover run");
        assertThat(ws).doesNotExist();
    }

    // ---- options -----------------------------------------------------------------------------

    /** "WS" stands for the workspace, so that each case puts --workspace where its verb takes it. */
    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of(List.of("run", "--workspace", "WS", "--frobnicate"), "Unknown option: '--frobnicate'"),
                Arguments.of(List.of("migrate"), "Unmatched argument at index 0: 'migrate'"),
                Arguments.of(List.of("decommission", "--workspace", "WS"), "Missing required parameter: 'POOL'"),
                Arguments.of(List.of("lab", "inject", "--workspace", "WS"), "Missing required parameter: 'FAULTS'"),
                Arguments.of(List.of("plan", "--workspace", "WS", "--pilot", "five"), "'five' is not an int"),
                Arguments.of(List.of("run", "--workspace", "WS", "--until", "Nowhere"), "but was 'Nowhere'"),
                Arguments.of(
                        List.of("plan", "--workspace", "WS", "--out"),
                        "Missing required parameter for option '--out'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommandLines")
    void a_command_line_picocli_cannot_parse_is_refused_in_one_line_naming_the_problem(List<String> args, String what) {
        String[] argv =
                args.stream().map(a -> a.equals("WS") ? ws.toString() : a).toArray(String[]::new);

        String error = Invocation.cutover(argv).badInput();

        assertThat(error).contains(what).contains("--help");
        assertThat(ws).doesNotExist();
    }

    /** Every numeric option has a range; "WS" stands for the workspace. */
    static Stream<Arguments> optionsOutOfRange() {
        return Stream.of(
                Arguments.of(
                        List.of("run", "--workspace", "WS", "--backoff-ms", "9223372036854775807"), "--backoff-ms"),
                Arguments.of(List.of("run", "--workspace", "WS", "--backoff-ms", "-1"), "--backoff-ms"),
                Arguments.of(List.of("run", "--workspace", "WS", "--attempts", "0"), "--attempts"),
                Arguments.of(List.of("run", "--workspace", "WS", "--attempts", "101"), "--attempts"),
                Arguments.of(List.of("run", "--workspace", "WS", "--concurrency", "0"), "--concurrency"),
                Arguments.of(
                        List.of("run", "--workspace", "WS", "--dry-run", "--concurrency-per-site", "-1"),
                        "--concurrency-per-site"),
                Arguments.of(
                        List.of("run", "--workspace", "WS", "--concurrency-per-pool", "513"), "--concurrency-per-pool"),
                Arguments.of(List.of("run", "--workspace", "WS", "--dry-run", "--shared", "--slice", "0"), "--slice"),
                Arguments.of(List.of("run", "--workspace", "WS", "--parallel-sites", "--slice", "100001"), "--slice"),
                Arguments.of(List.of("run", "--workspace", "WS", "--concurrency", "513"), "--concurrency"),
                Arguments.of(List.of("run", "--workspace", "WS", "--shell-timeout", "0s"), "--shell-timeout"),
                Arguments.of(List.of("run", "--workspace", "WS", "--shell-timeout", "25h"), "--shell-timeout"),
                Arguments.of(
                        List.of("run", "--workspace", "WS", "--shell-timeout", "999999999999999999m"),
                        "--shell-timeout"),
                Arguments.of(List.of("run", "--workspace", "WS", "--shell-batch", "0"), "--shell-batch"),
                Arguments.of(
                        List.of(
                                "run",
                                "--workspace",
                                "WS",
                                "--shell-session",
                                "fe1=pwsh -Command -",
                                "--shell-concurrency",
                                "fe1=65"),
                        "--shell-concurrency"),
                Arguments.of(
                        List.of("bench", "--workspace", "WS", "shell", "--shell-sessions", "0"), "--shell-sessions"),
                Arguments.of(List.of("rollback", "--workspace", "WS", "--yes", "--attempts", "0"), "--attempts"),
                Arguments.of(List.of("plan", "--workspace", "WS", "--pilot", "-1"), "--pilot"),
                Arguments.of(List.of("plan", "--workspace", "WS", "--waves", "100,0"), "--waves"),
                Arguments.of(List.of("plan", "--workspace", "WS", "--validation-sample", "-1"), "--validation-sample"),
                Arguments.of(List.of("rehearse", "--workspace", "WS", "--waves", "0"), "--waves"),
                Arguments.of(List.of("serve", "--workspace", "WS", "--port", "65536"), "--port"),
                Arguments.of(List.of("serve", "--workspace", "WS", "--refresh-ms", "10"), "--refresh-ms"),
                Arguments.of(List.of("lab", "matrix", "--workspace", "WS", "--concurrency", "0"), "--concurrency"),
                Arguments.of(List.of("lab", "serve", "--workspace", "WS", "--users", "-1"), "--users"),
                Arguments.of(List.of("bench", "--workspace", "WS", "--reps", "0"), "--reps"),
                Arguments.of(List.of("bench", "--workspace", "WS", "api", "--api-clients", "0"), "--api-clients"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"--shell-concurrency fe9=2", "--shell-pools fe9=pool.contoso.com", "--shell-mode sometimes"})
    void a_shell_option_naming_no_given_session_or_no_mode_is_refused_naming_it_and_creates_nothing(String option) {
        List<String> argv = new java.util.ArrayList<>(List.of("run", "--workspace", ws.toString()));
        argv.addAll(List.of(option.split(" ")));

        String error = Invocation.cutover(argv.toArray(String[]::new)).badInput();

        assertThat(error)
                .contains(option.split(" ")[0])
                .contains(option.split(" ")[1].split("=")[0]);
        assertThat(ws).doesNotExist();
    }

    @Test
    void a_store_password_file_without_a_store_is_refused_by_rehearse_as_by_every_verb() {
        String error = Invocation.cutover(
                        "rehearse",
                        "--workspace",
                        ws.toString(),
                        "--store-password-file",
                        tmp.resolve("pw").toString())
                .badInput();

        assertThat(error).contains("--store-password-file goes with --store");
        assertThat(ws).doesNotExist();
    }

    @Test
    void a_slice_given_to_a_run_that_is_not_cut_into_units_is_refused_naming_the_options_it_goes_with() {
        String error = Invocation.cutover("run", "--workspace", ws.toString(), "--slice", "5")
                .badInput();

        assertThat(error).contains("--slice").contains("--shared").contains("--parallel-sites");
        assertThat(ws).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionsOutOfRange")
    void a_numeric_option_out_of_its_range_is_refused_naming_the_option_and_its_range_and_creates_nothing(
            List<String> args, String option) {
        String[] argv =
                args.stream().map(a -> a.equals("WS") ? ws.toString() : a).toArray(String[]::new);

        String error = Invocation.cutover(argv).badInput();

        assertThat(error).contains(option).containsPattern("between -?\\d+\\w* and \\d+\\w*");
        assertThat(ws).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "run --concurrency= --attempts= --backoff-ms= --shell-timeout= --shell-batch= --shell-concurrency=",
                "rollback --concurrency= --attempts= --backoff-ms=",
                "plan --pilot= --waves= --validation-sample=",
                "serve --port= --refresh-ms=",
                "lab matrix --concurrency=",
                "lab serve --users=",
                "bench --reps= --plan-users= --api-clients= --api-move-ms=",
                "bench --shell-users= --shell-sessions= --shell-callers= --shell-start-ms= --shell-move-ms= --shell-reps="
            })
    void every_numeric_option_documents_its_range_in_its_help(String verbAndOptions) {
        List<String> words = List.of(verbAndOptions.split(" "));
        List<String> verb = words.stream().filter(w -> !w.startsWith("--")).toList();
        List<String> argv = new java.util.ArrayList<>(verb);
        argv.add("--help");
        String help = Invocation.cutover(argv.toArray(String[]::new)).ok().out().replaceAll("\\s+", " ");
        for (String option : words.stream().filter(w -> w.startsWith("--")).toList()) {
            // The last mention is the option's own entry, after the synopsis.
            int at = help.lastIndexOf(option);
            assertThat(at).as(option).isNotNegative();
            String described = help.substring(at, help.indexOf("(default", at));
            assertThat(described).as(option).containsPattern("\\d+\\w* to \\d+");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {",,,,", ",", " , "})
    void a_pilot_list_without_a_single_address_is_refused_rather_than_replaced_by_default_pilots(String list) {
        String error = Invocation.cutover("plan", "--workspace", ws.toString(), "--pilot-users", list)
                .badInput();

        assertThat(error).contains("--pilot-users").contains("empty");
        assertThat(ws).doesNotExist();
    }

    // ---- lab inject --------------------------------------------------------------------------

    static Stream<Arguments> malformedFaultFiles() {
        return Stream.of(
                Arguments.of(
                        "unknown-operation.yaml",
                        "seed: 3\ninject:\n  - type: latency\n    operation: teleport\n    millis: 5\n",
                        4,
                        "inject[0].operation: unknown operation 'teleport'"),
                Arguments.of(
                        "unknown-fault.yaml",
                        "seed: 3\ninject:\n  - {type: explode}\n",
                        3,
                        "unknown fault type 'explode'"),
                Arguments.of(
                        "rate-above-one.yaml",
                        "seed: 3\ninject:\n  - {type: failureRate, operation: move, rate: 1.5}\n",
                        3,
                        "expected a number between 0 and 1"),
                Arguments.of("unknown-top-field.yaml", "seed: 3\nfaults: []\n", 2, "faults: unknown field"),
                Arguments.of(
                        "fault-yaml-syntax.yaml", "seed: 3\ninject:\n  - type: poolDown: now\n", 3, "not valid YAML"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFaultFiles")
    void a_malformed_fault_file_is_refused_naming_its_file_and_line_and_the_lab_is_unchanged(
            String fileName, String text, int line, String what) throws IOException {
        createLab();
        FileTree before = FileTree.of(ws);
        Path faults = write(fileName, text);

        String error = cutover("lab", "inject", faults.toString()).badInput();

        assertThat(error).contains(fileName + ":" + line + ": ").contains(what);
        assertThat(FileTree.of(ws)).isEqualTo(before);
        assertThat(cutover("lab", "inspect").ok().out()).contains("faults: none");
    }

    @Test
    void a_fault_file_naming_a_pool_the_lab_does_not_have_is_refused_naming_the_file_and_the_pool() throws IOException {
        createLab();
        FileTree before = FileTree.of(ws);
        Path faults = write(
                "ghost-faults.yaml",
                "seed: 3\ninject:\n  - {type: poolDown, pool: sfb19pool-red.contoso.com}\n"
                        + "  - {type: poolDown, pool: ghost.contoso.com}\n");

        String error = cutover("lab", "inject", faults.toString()).badInput();

        assertThat(error).contains("ghost-faults.yaml").contains("ghost.contoso.com");
        assertThat(FileTree.of(ws)).isEqualTo(before);
        assertThat(cutover("lab", "inspect").ok().out())
                .as("the valid first fault was not injected either")
                .contains("faults: none");
    }

    // ---- rehearse ----------------------------------------------------------------------------

    @Test
    void rehearsing_with_a_fault_file_naming_a_pool_the_scenario_does_not_have_is_refused_and_leaves_no_workspace()
            throws IOException {
        Path faults = write("ghost-faults.yaml", "seed: 3\ninject:\n  - {type: poolDown, pool: ghost.contoso.com}\n");

        String error = cutover("rehearse", "--faults", faults.toString()).badInput();

        assertThat(error).contains("ghost-faults.yaml").contains("ghost.contoso.com");
        assertThat(ws).doesNotExist();
    }

    @Test
    void rehearsing_a_malformed_scenario_is_refused_naming_its_file_and_line_and_leaves_no_workspace()
            throws IOException {
        Path scenario = write("bad-rehearsal.yaml", replaceLine(SCENARIO, 12, "    serverz: 2"));

        String error = cutover("rehearse", scenario.toString()).badInput();

        assertThat(error).contains("bad-rehearsal.yaml:12: ").contains("serverz");
        assertThat(ws).doesNotExist();
    }

    @Test
    void rehearsing_a_scenario_the_planner_refuses_is_refused_and_leaves_no_workspace() throws IOException {
        // Valid as a scenario, but Redmond has no pool of the default target to move to.
        Path scenario = write("no-target.yaml", SCENARIO);

        String error = cutover("rehearse", scenario.toString()).badInput();

        assertThat(error)
                .contains("site Redmond has legacy Front End pool pool.contoso.com")
                .contains("no Skype for Business Server Subscription Edition Front End pool");
        assertThat(ws).doesNotExist();
    }

    @Test
    void rehearsing_towards_an_unknown_version_is_refused_and_leaves_no_workspace() {
        String error = cutover("rehearse", "--target", "Skype for Business Server 2030")
                .badInput();

        assertThat(error).contains("'Skype for Business Server 2030'");
        assertThat(ws).doesNotExist();
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Invocation cutover(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--workspace");
        all.add(ws.toString());
        return Invocation.cutover(all.toArray(String[]::new));
    }

    private void createLab() {
        cutover("lab", "create").ok();
    }

    private Path makePlan() {
        cutover("plan").ok();
        return ws.resolve("plan.json");
    }

    private void startRunUntilPrepare() {
        cutover("run", "--until", "Prepare").ok();
        assertThat(journal()).exists();
    }

    private Path journal() {
        return ws.resolve("journal.db");
    }

    private long journalRows() throws SQLException {
        try (Connection c =
                        DriverManager.getConnection("jdbc:sqlite:" + journal().toAbsolutePath());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*) from journal")) {
            r.next();
            return r.getLong(1);
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, UTF_8);
    }

    private static String replaceLine(String text, int line, String replacement) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.set(line - 1, replacement);
        return String.join("\n", lines);
    }

    private static int indexOfFirstMoveBatch(List<Step> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Step.MoveBatch) {
                return i;
            }
        }
        throw new AssertionError("the plan has no move step");
    }
}
