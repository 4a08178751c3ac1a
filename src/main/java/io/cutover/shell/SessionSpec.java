package io.cutover.shell;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.inventory.Fqdn;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One named way to reach a Management Shell (for example a remoting wrapper to one Front End).
 *
 * @param name how status and errors call it: letters, digits, '.', '-' or '_'
 * @param command the program and its arguments, started once per session
 * @param concurrency how many sessions of this command run at once, 1 to 64
 * @param pools the pools whose operations it may carry; empty: any pool. Operations that name no
 *     pool (reads of the topology, of users) go to any session
 */
public record SessionSpec(String name, List<String> command, int concurrency, Set<Fqdn> pools) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    public SessionSpec {
        if (!NAME.matcher(name).matches()) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "--shell-session name '" + name + "': expected 1 to 40 letters, digits, '.', '-' or '_'");
        }
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--shell-session " + name + " has an empty command");
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "--shell-concurrency of " + name + " must be between 1 and 64, got " + concurrency);
        }
        pools = Set.copyOf(new TreeSet<>(pools));
    }

    /** Whether operations on {@code pool} (null: no pool in particular) may go through this session. */
    public boolean serves(Fqdn pool) {
        return pool == null || pools.isEmpty() || pools.contains(pool);
    }

    /** {@code NAME=COMMAND}, as {@code --shell-session} takes it. */
    public static SessionSpec parse(String option, int concurrency) {
        int eq = option.indexOf('=');
        if (eq <= 0) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "--shell-session '" + option + "': expected NAME=COMMAND, e.g. fe1=\"pwsh -File fe1.ps1\"");
        }
        return new SessionSpec(
                option.substring(0, eq).trim(), ShellSettings.split(option.substring(eq + 1)), concurrency, Set.of());
    }

    public SessionSpec withConcurrency(int n) {
        return new SessionSpec(name, command, n, pools);
    }

    public SessionSpec withPools(Set<Fqdn> serving) {
        return new SessionSpec(name, command, concurrency, serving);
    }
}
