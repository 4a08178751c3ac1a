package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated script shape ({@link ScriptShapes}) parses under the tree-sitter PowerShell
 * grammar: node runs src/test/resources/reference/ps_parse_check.js with the npm packages pinned
 * in src/test/node (installed there with {@code npm ci} when missing), strictly: not even the
 * grammar's known bare-word-list limitation is let through.
 */
class PowerShellGrammarIT {
    private static final Path NODE_PROJECT = Path.of("src/test/node");

    @TempDir
    Path tmp;

    /**
     * One node run (loading the grammar costs tens of seconds of CPU): the generated scripts, and
     * beside them one broken script, which must be the only one reported.
     */
    @Test
    void every_generated_script_parses_under_the_tree_sitter_powershell_grammar_and_a_broken_one_does_not()
            throws Exception {
        installGrammar();
        Set<String> texts = new LinkedHashSet<>();
        ScriptShapes.all().forEach(s -> texts.add(s.text()));
        // The loop a long-lived session runs, and a framed batch as it reaches the session.
        texts.add(SessionFrames.bootstrap("0123456789abcdef"));
        texts.add(ScriptRunner.script(List.of("Get-CsSite -ErrorAction 'Stop' | ConvertTo-Json -Depth 4 -Compress")));
        Path generated = Files.createDirectories(tmp.resolve("generated"));
        int n = 0;
        for (String text : texts) {
            Files.writeString(generated.resolve(String.format("shape-%04d.ps1", n++)), text, StandardCharsets.UTF_8);
        }
        Path broken = Files.createDirectories(tmp.resolve("broken")).resolve("broken.ps1");
        Files.writeString(broken, "Move-CsUser -Identity 'sip:a@contoso.com' -Target (\r\n");

        Result r = run(List.of(
                "node",
                "src/test/resources/reference/ps_parse_check.js",
                "--strict",
                generated.toString(),
                broken.toString()));

        System.out.println("tree-sitter grammar: " + r.lastLine() + " (" + n + " generated scripts and one broken)");
        List<String> reported = r.output()
                .lines()
                .filter(l -> l.contains(": ERROR") || l.contains(": MISSING"))
                .toList();
        assertThat(reported).as(r.output()).isNotEmpty().allMatch(l -> l.startsWith(broken.toString() + ":"));
        assertThat(r.lastLine()).startsWith((n + 1) + " files parsed, " + reported.size() + " errors");
        assertThat(r.exit()).isEqualTo(1);
    }

    private record Result(int exit, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private static void installGrammar() throws IOException, InterruptedException {
        if (Files.exists(NODE_PROJECT.resolve("node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm"))) {
            return;
        }
        Process p = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
                .directory(NODE_PROJECT.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("npm ci").isTrue();
        assertThat(p.exitValue()).as("npm ci in src/test/node: " + out).isZero();
    }

    private static Result run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PS_PARSE_MODULES", NODE_PROJECT.toAbsolutePath().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
