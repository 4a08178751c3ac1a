package io.cutover.journal;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.postgresql.Driver;

/**
 * A PostgreSQL JDBC URL checked before it is used, kept or shown. A URL is kept in the workspace
 * and shown in messages, so it must carry no password in any spelling: none before the host
 * ({@code user:secret@host}) and no {@code password} parameter, whatever its case, percent-encoding
 * or separator ({@code &} or {@code ;}). The driver's own parser then decides whether the rest is a
 * URL it can use. A refused URL is never repeated in the message: it may hold the secret.
 */
final class PostgresUrl {
    static final String PREFIX = "jdbc:postgresql:";
    private static final String SHAPE = PREFIX + "//host:5432/database?user=NAME";
    /** The driver's parameters whose value is a secret (the SSL key's password is one too), in any case. */
    private static final Set<String> SECRET_KEYS = secretKeys();

    private PostgresUrl() {}

    /**
     * @param option what gave the URL, named in messages: {@code --store}, {@code --to}, a file
     * @throws CutoverException BAD_INPUT when {@code url} is not a PostgreSQL URL the driver reads,
     *     or carries a password
     */
    static void check(String url, String option) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw refused(option + " takes a PostgreSQL JDBC URL (" + SHAPE + "), not " + kind(url));
        }
        if (authority(url).contains("@")) {
            throw refused(option + ": the URL carries credentials before the host (user:password@host); give the"
                    + " user as ?user=NAME and the password " + wherePasswordGoes(option));
        }
        if (hasSecretParameter(url) || mentionsPassword(url)) {
            throw refused(option + ": the URL must not carry the password; give it " + wherePasswordGoes(option));
        }
        if (Driver.parseURL(url, new Properties()) == null) {
            throw refused(option + ": the PostgreSQL driver cannot read " + url + " (expected " + SHAPE + ")");
        }
    }

    /** Where the password of the store {@code option} gives goes instead: {@code --to} has its own file option. */
    private static String wherePasswordGoes(String option) {
        String file = option.equals("--to") ? "--to-password-file" : "--store-password-file";
        return "in the environment variable " + Store.PASSWORD_VARIABLE + " or a file (" + file + ")";
    }

    /** What the value looks like, without repeating it: it may be a URL of another kind with a password in it. */
    private static String kind(String url) {
        if (url == null || url.isBlank()) {
            return "an empty value";
        }
        int scheme = url.indexOf("//");
        return scheme > 0 ? "a URL starting " + url.substring(0, scheme) : "this value";
    }

    /** The host part of {@code jdbc:postgresql://[user[:password]@]host[:port][,...]/db?...}; empty without one. */
    private static String authority(String url) {
        String rest = url.substring(PREFIX.length());
        if (!rest.startsWith("//")) {
            return "";
        }
        rest = rest.substring(2);
        int end = rest.length();
        for (char c : new char[] {'/', '?'}) {
            int at = rest.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return rest.substring(0, end);
    }

    /**
     * Whether any parameter is a password. The driver splits parameters on {@code &} alone and
     * reads keys as written; a user may also write {@code ;} (as other drivers take) or another
     * case or an encoded key, meaning a password all the same, so all of those count.
     */
    private static boolean hasSecretParameter(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return false;
        }
        for (String parameter : url.substring(query + 1).split("[&;]")) {
            int eq = parameter.indexOf('=');
            String key = decode(eq < 0 ? parameter : parameter.substring(0, eq));
            if (SECRET_KEYS.contains(key.strip())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the word "password" appears anywhere in the URL, in any case, once percent-decoded
     * as often as it decodes: after the database name ({@code /db;password=x}), in a fragment, in
     * {@code options}, encoded twice. The driver may not read it as a password, but the URL is
     * kept and shown, so a secret written there must not pass.
     */
    private static boolean mentionsPassword(String url) {
        String text = url;
        for (int i = 0; i < 4; i++) {
            String decoded = decode(text);
            if (decoded.equals(text)) {
                break;
            }
            text = decoded;
        }
        String word = "password";
        for (int at = 0; at + word.length() <= text.length(); at++) {
            if (text.regionMatches(true, at, word, 0, word.length()) && !callback(text, at)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the word at {@code at} is part of {@code sslpasswordcallback}: a class's name, no secret. */
    private static boolean callback(String text, int at) {
        String key = "sslpasswordcallback";
        return at >= 3 && text.regionMatches(true, at - 3, key, 0, key.length());
    }

    private static Set<String> secretKeys() {
        Set<String> keys = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        keys.addAll(List.of("password", "sslpassword"));
        return Collections.unmodifiableSet(keys);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static CutoverException refused(String message) {
        return new CutoverException(ErrorCode.BAD_INPUT, message);
    }
}
