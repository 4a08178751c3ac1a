package io.cutover.shell;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the shell driver reaches the Management Shell, resolved once at the edge.
 *
 * @param command the program and its arguments; it reads the script on standard input and writes
 *     JSON on standard output
 * @param timeout how long one script may run before its process tree is killed
 * @param batch at most this many operations share one script (one process)
 * @param encoding how values are written into the script
 * @param sessions the named shells to spread work over; empty: one, {@code command}
 * @param mode whether each shell is a long-lived session or one process per script
 * @param userData a folder both the shell and cutover reach (a share, or a local folder when
 *     cutover runs on the Front End), where the driver has Export-CsUserData write each user's
 *     data before a move, to count contacts and meetings and to restore them after a rollback;
 *     null to verify users without them
 * @param accounts the test accounts synthetic transactions run as on pools without a
 *     health-monitoring configuration; {@link TestAccounts#NONE} for none
 */
public record ShellSettings(
        List<String> command,
        Duration timeout,
        int batch,
        Encoding encoding,
        List<SessionSpec> sessions,
        Mode mode,
        Path userData,
        TestAccounts accounts) {
    /** How the driver runs the shell command. */
    public enum Mode {
        /** Long-lived sessions, each started once, taking framed scripts (see {@link SessionFrames}). */
        SESSION,
        /** A new process for every script, the script on standard input. */
        SCRIPT
    }

    public static final String DEFAULT_COMMAND = "powershell.exe -NoProfile -NonInteractive -Command -";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_BATCH = 100;
    /** The range of {@code --shell-timeout}: a script needs some time; a hung one must not hold a run for days. */
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);

    public static final Duration MAX_TIMEOUT = Duration.ofHours(24);

    /** One long-lived session of {@code command}; contacts and meetings not verified. */
    public ShellSettings(List<String> command, Duration timeout, int batch, Encoding encoding) {
        this(command, timeout, batch, encoding, List.of(), Mode.SESSION, null, TestAccounts.NONE);
    }

    public ShellSettings {
        command = List.copyOf(command);
        sessions = List.copyOf(sessions);
        accounts = accounts == null ? TestAccounts.NONE : accounts;
        if (sessions.stream().map(SessionSpec::name).distinct().count() < sessions.size()) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--shell-session names must differ");
        }
        if (command.isEmpty()) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "--shell-command is empty; give the program that runs a script read on standard input, e.g. "
                            + DEFAULT_COMMAND);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--shell-timeout must be positive, got " + timeout);
        }
        if (batch < 1 || batch > 10_000) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--shell-batch must be between 1 and 10000, got " + batch);
        }
    }

    /** The sessions work is spread over: the named ones, else one of {@code command}. */
    public List<SessionSpec> effectiveSessions() {
        return sessions.isEmpty() ? List.of(new SessionSpec("shell", command, 1, java.util.Set.of())) : sessions;
    }

    public ShellSettings withSessions(List<SessionSpec> named) {
        return new ShellSettings(command, timeout, batch, encoding, named, mode, userData, accounts);
    }

    public ShellSettings withMode(Mode m) {
        return new ShellSettings(command, timeout, batch, encoding, sessions, m, userData, accounts);
    }

    /** The same settings with Export-CsUserData writing into {@code folder} (null for none). */
    public ShellSettings withUserData(Path folder) {
        return new ShellSettings(command, timeout, batch, encoding, sessions, mode, folder, accounts);
    }

    /** The same settings with these test accounts for pools without a health-monitoring configuration. */
    public ShellSettings withTestAccounts(TestAccounts given) {
        return new ShellSettings(command, timeout, batch, encoding, sessions, mode, userData, given);
    }

    public static ShellSettings defaults() {
        return parse(DEFAULT_COMMAND, "120s", DEFAULT_BATCH, "ascii");
    }

    /** From the command line's strings; every error names the option. */
    public static ShellSettings parse(String command, String timeout, int batch, String encoding) {
        Encoding enc;
        try {
            enc = Encoding.valueOf(encoding.trim().toUpperCase(Locale.ROOT).replace("-", ""));
        } catch (IllegalArgumentException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "--shell-encoding '" + encoding + "': expected ascii or utf8");
        }
        Duration d = duration(timeout);
        if (d.compareTo(MIN_TIMEOUT) < 0 || d.compareTo(MAX_TIMEOUT) > 0) {
            throw outOfRange(timeout);
        }
        return new ShellSettings(split(command), d, batch, enc);
    }

    /** Splits a command line on blanks; double quotes group words that contain blanks. */
    static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    words.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--shell-command has an unclosed double quote: " + command);
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }

    /** {@code 120s}, {@code 2m}, {@code 1h}, {@code 500ms}, or a bare number of seconds. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "--shell-timeout '" + text + "': expected e.g. 120s, 2m, 1h or 500ms");
        } catch (ArithmeticException e) {
            throw outOfRange(text);
        }
    }

    private static CutoverException outOfRange(String timeout) {
        return new CutoverException(
                ErrorCode.BAD_INPUT, "--shell-timeout must be between 1s and 24h, got '" + timeout + "'");
    }
}
