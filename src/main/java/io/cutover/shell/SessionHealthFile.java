package io.cutover.shell;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * The shell sessions' health as a JSON file beside the journal ({@code shell-sessions.json}: an
 * array of {@link SessionHealth}), so that {@code status} and the dashboard, in other processes,
 * show it. Written at most once a second while scripts run, and always when the driver closes.
 */
public final class SessionHealthFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long EVERY = Duration.ofSeconds(1).toNanos();

    private SessionHealthFile() {}

    /** A watch that tells {@code inner} of every script and keeps {@code file} up to date. */
    public static ShellDeployment.Watch writing(Path file, ShellDeployment.Watch inner) {
        long[] last = {System.nanoTime() - EVERY};
        return new ShellDeployment.Watch() {
            @Override
            public void roundTrip(int operations, boolean ok, Duration took) {
                inner.roundTrip(operations, ok, took);
            }

            @Override
            public void sessions(List<SessionHealth> health) {
                inner.sessions(health);
                boolean closing = health.stream().allMatch(h -> h.state().equals("closed"));
                synchronized (last) {
                    if (!closing && System.nanoTime() - last[0] < EVERY) {
                        return;
                    }
                    last[0] = System.nanoTime();
                    write(file, health);
                }
            }
        };
    }

    /** Replaces the file at once (write beside, then move), so a reader never sees half of it. */
    static void write(Path file, List<SessionHealth> health) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), health);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Health is for people watching; a full disk must not fail a move.
        }
    }

    /** The sessions as last written; empty when no shell run wrote any or the file cannot be read. */
    public static List<SessionHealth> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<SessionHealth>>() {});
        } catch (IOException e) {
            return List.of();
        }
    }
}
