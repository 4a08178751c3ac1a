package io.cutover.inventory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.util.Locale;

/**
 * The fully qualified domain name of a pool, a server or an Edge, e.g. {@code pool01.contoso.com}.
 * DNS names compare case-insensitively, so equality, hashing and ordering use the lower-cased form;
 * the spelling given is kept for output, so JSON, SQL and runbooks show the name as the topology
 * spells it.
 *
 * <p>This class and {@link SipAddress} are the only places that lower-case an identity: everything
 * else compares through them.
 */
public final class Fqdn implements Comparable<Fqdn> {
    private final String text;
    private final String key;

    private Fqdn(String text) {
        this.text = text;
        this.key = key(text);
    }

    /**
     * An FQDN as spelled.
     *
     * @throws CutoverException BAD_INPUT when the text is null, blank or holds whitespace or control
     *     characters
     */
    @JsonCreator
    public static Fqdn of(String text) {
        if (text == null || text.isBlank() || text.codePoints().anyMatch(Fqdn::unfit)) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "'" + text + "' is not a fully qualified domain name like pool01.contoso.com");
        }
        return new Fqdn(text);
    }

    private static boolean unfit(int c) {
        return Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c);
    }

    /**
     * The normal form of an FQDN's spelling (lower case), for keys of maps and sets that hold
     * spellings not yet checked; the empty string for null, so a missing name sorts first. Never throws.
     */
    public static String key(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether two spellings name the same FQDN; null names nothing, so a null never matches. Never
     * throws: it compares what a deployment reports, well-formed or not.
     */
    public static boolean same(String a, String b) {
        return a != null && b != null && a.equalsIgnoreCase(b);
    }

    /** Whether {@code other} spells this FQDN (false for null). */
    public boolean is(String other) {
        return same(text, other);
    }

    /** The spelling given, as output shows it. */
    @JsonValue
    public String text() {
        return text;
    }

    /** The normal (lower-case) form that equality compares. */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fqdn f && f.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public int compareTo(Fqdn o) {
        return key.compareTo(o.key);
    }

    @Override
    public String toString() {
        return text;
    }
}
