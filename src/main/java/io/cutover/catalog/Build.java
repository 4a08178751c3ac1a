package io.cutover.catalog;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.util.Comparator;
import java.util.Optional;

/**
 * A server build number as {@code Get-CsServerVersion} and {@code Get-CsServerPatchVersion} print it,
 * e.g. 7.0.2046.820: major, minor, build and revision. Missing trailing parts are 0.
 */
public record Build(int major, int minor, int build, int revision) implements Comparable<Build> {
    private static final Comparator<Build> ORDER = Comparator.comparingInt(Build::major)
            .thenComparingInt(Build::minor)
            .thenComparingInt(Build::build)
            .thenComparingInt(Build::revision);

    /**
     * Reads "7.0.2046.820" (or "6.0", "7.0.2046"); text around the number, as in "Version
     * 7.0.2046.820", is ignored.
     *
     * @return empty when the text holds no dotted number
     */
    public static Optional<Build> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "(\\d{1,9})\\.(\\d{1,9})(?:\\.(\\d{1,9}))?(?:\\.(\\d{1,9}))?")
                .matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new Build(part(m.group(1)), part(m.group(2)), part(m.group(3)), part(m.group(4))));
    }

    /** Like {@link #find}, but text without a build is bad input. */
    public static Build parse(String text) {
        return find(text)
                .orElseThrow(() -> new CutoverException(
                        ErrorCode.BAD_INPUT, "'" + text + "' is not a build number like 7.0.2046.820"));
    }

    private static int part(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }

    /** Whether major and minor are those of {@code prefix} ("7.0"). */
    public boolean inLine(String prefix) {
        Build p = parse(prefix);
        return major == p.major && minor == p.minor;
    }

    @Override
    public int compareTo(Build other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + build + "." + revision;
    }
}
