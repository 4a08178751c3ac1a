package io.cutover.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The run state and the blocker kind keep their public strings: the dashboard, scripts reading
 * {@code status --json} and the API's clients match on them.
 */
class RunStateJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** As StatusReport documents them, and as Status has always written them. */
    private static final List<String> RUN_STATES = List.of(
            "not started",
            "awaiting approval",
            "stopped at a gate",
            "failed",
            "paused",
            "aborted",
            "held",
            "running",
            "stopped",
            "finished");

    /** As the dashboard (app.js) tells them apart. */
    private static final List<String> BLOCKER_KINDS = List.of("approval", "gate", "step");

    private static List<String> json(Object[] values) throws Exception {
        String array = JSON.writeValueAsString(Arrays.asList(values));
        return Arrays.asList(JSON.readValue(array, String[].class));
    }

    @Test
    void every_run_state_is_written_as_its_documented_phrase_and_read_back() throws Exception {
        assertThat(json(RunState.values())).containsExactlyInAnyOrderElementsOf(RUN_STATES);
        for (String s : RUN_STATES) {
            RunState back = JSON.readValue(JSON.writeValueAsString(s), RunState.class);
            assertThat(JSON.writeValueAsString(back)).isEqualTo(JSON.writeValueAsString(s));
            assertThat(back.toString()).as("text output").isEqualTo(s);
        }
    }

    @Test
    void every_blocker_kind_is_written_as_its_documented_word_and_read_back() throws Exception {
        assertThat(json(StatusReport.Blocker.Kind.values())).containsExactlyInAnyOrderElementsOf(BLOCKER_KINDS);
        for (String k : BLOCKER_KINDS) {
            StatusReport.Blocker.Kind back =
                    JSON.readValue(JSON.writeValueAsString(k), StatusReport.Blocker.Kind.class);
            assertThat(back.json()).isEqualTo(k);
        }
    }

    @Test
    void a_blocker_serialises_its_kind_as_the_word_inside_the_status_document() throws Exception {
        StatusReport.Blocker b =
                new StatusReport.Blocker("s", "t", StatusReport.Blocker.Kind.GATE, List.of(), List.of(), List.of());
        assertThat(JSON.readTree(JSON.writeValueAsString(b)).get("kind").asText())
                .isEqualTo("gate");
    }
}
