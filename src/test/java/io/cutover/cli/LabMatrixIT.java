package io.cutover.cli;

import static io.cutover.cli.Invocation.cutover;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover lab matrix}: the table, the JSON, exit 3 on a failed cell, one-line errors on bad input. */
class LabMatrixIT {
    @TempDir
    Path dir;

    @Test
    void the_example_matrix_passes_over_sip_and_prints_a_row_per_cell() {
        String ws = dir.resolve("ws").toString();
        cutover("lab", "create", "--workspace", ws).ok();

        Invocation table = cutover("lab", "matrix", "--workspace", ws).ok();

        assertThat(table.out())
                .contains("SITE", "MODALITY", "DIAGNOSIS")
                .containsPattern("Redmond +Federated +Federated +lyncpool01\\.contoso\\.com +fabrikam\\.com +pass")
                .containsPattern("52 cells: 6 passed, 0 failed, 46 skipped");
    }

    @Test
    void a_failed_cell_exits_3_and_the_json_names_its_sip_status() throws Exception {
        String ws = dir.resolve("ws").toString();
        cutover("lab", "create", "--workspace", ws).ok();
        Path faults = dir.resolve("faults.yaml");
        Files.writeString(faults, "seed: 1\ninject:\n  - {type: poolDown, pool: lyncedge01.contoso.com}\n");
        cutover("lab", "inject", faults.toString(), "--workspace", ws).ok();

        Invocation run = cutover("lab", "matrix", "--workspace", ws, "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("failed").asInt()).isEqualTo(2);
        assertThat(report.get("rows").findValuesAsText("diagnosis"))
                .contains("480 Temporarily Unavailable: pool lyncedge01.contoso.com is down");
    }

    @Test
    void bad_input_gets_one_line_and_exit_2() {
        String ws = dir.resolve("ws").toString();
        assertThat(cutover("lab", "matrix", "--workspace", ws).badInput()).contains("lab");
        cutover("lab", "create", "--workspace", ws).ok();
        assertThat(cutover("lab", "matrix", "--workspace", ws, "--concurrency", "0")
                        .badInput())
                .isEqualTo("error: --concurrency must be between 1 and 1024, got 0");
        assertThat(cutover("lab", "serve", dir.resolve("missing.yaml").toString())
                        .badInput())
                .contains("missing.yaml");
    }
}
