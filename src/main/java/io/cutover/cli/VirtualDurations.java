package io.cutover.cli;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations and instants of the virtual-time options: "30s", "2m", "1h", "500ms" or ISO-8601. */
final class VirtualDurations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

    private VirtualDurations() {}

    /** @throws CutoverException BAD_INPUT naming {@code option}, for a text that is no duration or is negative */
    static Duration parse(String option, String text) {
        Matcher m = SHORT.matcher(text.strip());
        try {
            Duration d = m.matches() ? shortForm(Long.parseLong(m.group(1)), m.group(2)) : Duration.parse(text);
            if (d.isNegative()) {
                throw new CutoverException(ErrorCode.BAD_INPUT, option + " cannot be negative: " + text);
            }
            return d;
        } catch (DateTimeException | ArithmeticException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, option + ": '" + text + "' is not a duration (30s, 2m, 1h, 500ms or PT30S)");
        }
    }

    /** @throws CutoverException BAD_INPUT naming {@code option}, for a text that is no ISO-8601 instant */
    static Instant instant(String option, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, option + ": '" + text + "' is not an instant (e.g. 2026-12-07T00:00:00Z)");
        }
    }

    private static Duration shortForm(long n, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
