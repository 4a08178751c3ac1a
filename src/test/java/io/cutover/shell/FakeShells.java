package io.cutover.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The command line that starts {@link FakeShell} as its own process, against a lab directory. */
final class FakeShells {
    private FakeShells() {}

    static List<String> command(Path lab, Map<String, String> extraEnv) {
        Map<String, String> env = new TreeMap<>(extraEnv);
        env.put("CUTOVER_FAKESHELL_LAB", lab.toAbsolutePath().toString());
        List<String> cmd = new ArrayList<>();
        cmd.add("/usr/bin/env");
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A short-lived process: skip the optimizing compiler, start small.
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-cp", System.getProperty("java.class.path"),
                FakeShell.class.getName()));
        return cmd;
    }

    /** The same, as one --shell-command string (the class path holds no blanks here). */
    static String commandLine(Path lab, Map<String, String> extraEnv) {
        return String.join(" ", command(lab, extraEnv));
    }
}
