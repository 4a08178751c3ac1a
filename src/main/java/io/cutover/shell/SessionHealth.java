package io.cutover.shell;

import java.util.List;

/**
 * How one shell session is doing, as status shows it.
 *
 * @param name the session's name and its number within that name ({@code fe1#2})
 * @param pools the pools it may serve; empty: any
 * @param state {@code not started}, {@code idle}, {@code busy}, {@code starting}, {@code down}
 *     (its last start failed) or {@code closed}
 * @param pid the process id of the current process, or 0 when none runs
 * @param scripts scripts it answered
 * @param replaced processes killed or lost and replaced (or to be replaced at the next script)
 * @param lastProblem the last thing that went wrong with it, or null
 */
public record SessionHealth(
        String name, List<String> pools, String state, long pid, long scripts, long replaced, String lastProblem) {
    public SessionHealth {
        pools = List.copyOf(pools);
    }
}
