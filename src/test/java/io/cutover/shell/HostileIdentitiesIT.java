package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.catalog.Catalog;
import io.cutover.deployment.Subject;
import io.cutover.inventory.HomedKind;
import io.cutover.lab.Lab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 5,000 seeded random hostile identities per encoding, through the shell driver's scripts into
 * the fake Management Shell (a separate process that parses by PowerShell's quoting rules): each
 * must reach Get-CsUser exactly as it was, and no other command may run.
 */
class HostileIdentitiesIT {
    private static final long SEED = 20_261_121L;
    private static final int COUNT = 5_000;
    /** Pieces that break naive quoting: every kind of quote, expansion, escapes, separators, line breaks, other Unicode. */
    private static final List<String> PIECES = List.of(
            "'",
            "\u2018",
            "\u2019",
            "\u201A",
            "\u201B",
            "''",
            "\u2019\u2019",
            "\"",
            "$",
            "$_",
            "$(Stop-Computer)",
            "${env:PATH}",
            "`",
            "`n",
            "`'",
            ";",
            "; Remove-Item -Path 'C:\\'",
            "|",
            "&",
            "&&",
            "(",
            ")",
            "{",
            "}",
            "@{",
            "@(",
            "#",
            "<#",
            "#>",
            "\n",
            "\r\n",
            "\r",
            "\t",
            " ",
            "\\",
            "[char]0x41",
            "+",
            "-Confirm:$false",
            "-Force",
            "\u00e9",
            "\u4e2d\u6587",
            "\uD83D\uDE00",
            "\u202E",
            "\u2028",
            "\u0085",
            "\u200B",
            "\uFEFF",
            "\u00A0",
            "\u0001",
            "\u001B[31m",
            "sip:",
            "@contoso.com",
            "o'neil",
            "a",
            "Z",
            "0");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    @BeforeAll
    static void lab() {
        Lab.create(dir.resolve("lab"), Lab.exampleText(), "examples/contoso/scenario.yaml", Clock.systemUTC())
                .close();
    }

    static List<String> identities(long seed) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder sb = new StringBuilder();
            int pieces = 1 + random.nextInt(8);
            for (int k = 0; k < pieces; k++) {
                sb.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            ids.add(sb.toString());
        }
        return ids;
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void every_hostile_identity_reaches_the_cmdlet_unchanged_and_nothing_else_runs(Encoding encoding)
            throws IOException {
        List<String> ids = identities(SEED + encoding.ordinal());
        assertThat(String.join("", ids))
                .contains("'", "\u2018", "\u2019", "\u201A", "\u201B", "$", "`", ";", "\n", "\uD83D\uDE00");
        Path trace = dir.resolve("trace-" + encoding + ".jsonl");
        ShellSettings settings = new ShellSettings(
                FakeShells.command(dir.resolve("lab"), Map.of("CUTOVER_FAKESHELL_TRACE", trace.toString())),
                Duration.ofSeconds(120),
                1_000,
                encoding);
        ShellDeployment shell = new ShellDeployment(settings, Catalog.bundled());

        List<String> statements = ids.stream()
                .map(id -> shell.homeQuery(new Subject(HomedKind.User, id)))
                .toList();
        List<ShellDeployment.Answer> answers = shell.run(statements);

        // Back from the shell too: each error record names the identity it was given, unchanged.
        assertThat(answers).hasSize(COUNT);
        for (int i = 0; i < COUNT; i++) {
            assertThat(answers.get(i).error())
                    .as("answer %d", i)
                    .isEqualTo("Get-CsUser : Management object not found for identity \"" + ids.get(i) + "\".");
        }
        List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(COUNT);
        for (int i = 0; i < COUNT; i++) {
            JsonNode call = JSON.readTree(lines.get(i));
            assertThat(call.get("cmdlet").asText()).isEqualTo("Get-CsUser");
            List<String> params = new ArrayList<>();
            call.get("params").fieldNames().forEachRemaining(params::add);
            assertThat(params).containsExactly("Identity", "ErrorAction");
            assertThat(call.get("params").get("Identity").asText())
                    .as("identity %d", i)
                    .isEqualTo(ids.get(i));
        }
    }
}
