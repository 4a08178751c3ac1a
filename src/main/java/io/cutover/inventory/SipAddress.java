package io.cutover.inventory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.util.Locale;

/**
 * A user's SIP address, {@code sip:alice@contoso.com}: the key of a user. Lync compares SIP
 * addresses case-insensitively (scheme, name and domain alike), so equality, hashing and ordering
 * use the lower-cased form; the spelling given is kept for output, so JSON, SQL, journal items and
 * runbooks show the address as the inventory spells it.
 *
 * <p>Beyond the {@code sip:} scheme (in any case) and an {@code @}, nothing is required: names may
 * hold quotes, unicode and whatever else a directory lets through, and the shell driver passes them
 * on unchanged. This class and {@link Fqdn} are the only places that lower-case an identity.
 */
public final class SipAddress implements Comparable<SipAddress> {
    private static final String SCHEME = "sip:";

    private final String text;
    private final String key;

    private SipAddress(String text) {
        this.text = text;
        this.key = key(text);
    }

    /**
     * A SIP address as spelled.
     *
     * @throws CutoverException BAD_INPUT, naming the text, when it does not start with {@code sip:}
     *     (in any case) or holds no {@code @}
     */
    @JsonCreator
    public static SipAddress of(String text) {
        if (!looksLikeOne(text)) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "'" + text + "' is not a SIP address like sip:alice@contoso.com");
        }
        return new SipAddress(text);
    }

    /** Whether {@link #of} accepts the text: a {@code sip:} scheme in any case and an {@code @}. */
    public static boolean looksLikeOne(String text) {
        return hasScheme(text) && text.indexOf('@') >= 0;
    }

    /** Whether the text starts with the {@code sip:} scheme, in any case (false for null). */
    public static boolean hasScheme(String text) {
        return text != null && text.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /**
     * The text without a leading {@code sip:} scheme in any case ({@code alice@contoso.com}, as a
     * user principal name is spelled); text without the scheme comes back unchanged.
     */
    public static String withoutScheme(String text) {
        return hasScheme(text) ? text.substring(SCHEME.length()) : text;
    }

    /**
     * The normal form of a SIP address's spelling (lower case), for keys of maps and sets that hold
     * spellings not yet checked (a pilot list, a subject id, an object identity); the empty string for null, so a missing
     * address sorts first. Never throws.
     */
    public static String key(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    /** Whether two spellings name the same SIP address; a null never matches. Never throws. */
    public static boolean same(String a, String b) {
        return a != null && b != null && a.equalsIgnoreCase(b);
    }

    /** Whether {@code other} spells this address (false for null). */
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
        return o instanceof SipAddress s && s.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public int compareTo(SipAddress o) {
        return key.compareTo(o.key);
    }

    @Override
    public String toString() {
        return text;
    }
}
