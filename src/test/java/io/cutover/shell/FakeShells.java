package io.cutover.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The command line that starts {@link FakeShell} as its own process, against a lab directory. */
final class FakeShells {
    private static Path archive;

    private FakeShells() {}

    /** Tests run the shell without its realistic costs unless they ask for them. */
    private static final Map<String, String> FAST = Map.of(
            "CUTOVER_FAKESHELL_START_MS", "0", "CUTOVER_FAKESHELL_MOVE_MS", "0", "CUTOVER_FAKESHELL_TEST_MS", "0");

    static List<String> command(Path lab, Map<String, String> extraEnv) {
        Map<String, String> env = new TreeMap<>(FAST);
        env.putAll(extraEnv);
        env.put("CUTOVER_FAKESHELL_LAB", lab.toAbsolutePath().toString());
        List<String> cmd = new ArrayList<>();
        cmd.add("/usr/bin/env");
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.addAll(java(lab));
        return cmd;
    }

    /** The same, as one --shell-command string (the class path holds no blanks here). */
    static String commandLine(Path lab, Map<String, String> extraEnv) {
        return String.join(" ", command(lab, extraEnv));
    }

    private static List<String> java(Path lab) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A short-lived process: skip the optimizing compiler, start small, and map the classes it
        // loaded last time from a class data archive (made once per test JVM) instead of loading them.
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:disable"));
        Path jsa = archive(lab);
        if (jsa != null) {
            cmd.add("-XX:SharedArchiveFile=" + jsa);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FakeShell.class.getName()));
        return cmd;
    }

    /** A dynamic class data archive of one fake shell run; null when the JVM cannot make one. */
    private static synchronized Path archive(Path lab) {
        if (archive != null) {
            return Files.exists(archive) ? archive : null;
        }
        try {
            archive = Files.createTempDirectory("cutover-fakeshell").resolve("fake.jsa");
            List<String> cmd = new ArrayList<>(List.of(
                    "/usr/bin/env",
                    "CUTOVER_FAKESHELL_LAB=" + lab.toAbsolutePath(),
                    "CUTOVER_FAKESHELL_START_MS=0",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-Xlog:disable",
                    "-XX:ArchiveClassesAtExit=" + archive,
                    "-cp",
                    System.getProperty("java.class.path"),
                    FakeShell.class.getName()));
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (var in = p.getOutputStream()) {
                in.write(
                        "try { Get-CsSite -ErrorAction 'Stop' | ConvertTo-Json -Depth 4 -Compress } catch { @{ ok = $false } | ConvertTo-Json -Compress }\n"
                                .getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return Files.exists(archive) ? archive : null;
    }
}
