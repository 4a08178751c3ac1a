package io.cutover.shell;

import io.cutover.ControlCharacters;

/**
 * How values become PowerShell source. A value is only ever a single-quoted string literal (no
 * expansion of {@code $}, backticks or subexpressions happens inside one), or, for characters a
 * literal cannot carry safely, a {@code [char]} code point concatenated to it.
 *
 * <p>PowerShell's tokenizer treats the apostrophe and the typographic single quotes U+2018,
 * U+2019, U+201A and U+201B alike: any of them ends a single-quoted string unless it is followed
 * by another of them, in which case the second one is kept. Doubling each of them with itself is
 * therefore the one escape a literal needs.
 */
public final class PowerShell {
    private PowerShell() {}

    /** Whether PowerShell reads {@code c} as a single quote. */
    public static boolean isSingleQuote(char c) {
        return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
    }

    /**
     * A single-quoted literal of {@code value}, every kind of single quote doubled. For script
     * files written as UTF-8 with a byte order mark (runbooks), which PowerShell reads exactly.
     */
    public static String literal(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            sb.append(c);
            if (isSingleQuote(c)) {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /**
     * An expression of pure printable ASCII whose value is {@code value}: printable ASCII runs as
     * single-quoted literals, every other character (line breaks, control characters, non-ASCII,
     * including the typographic quotes and each half of a surrogate pair) as {@code [char]0xNNNN},
     * joined with {@code +} inside parentheses. Used for scripts sent on standard input:
     * powershell.exe decodes its input with the console code page, which would mangle UTF-8, and
     * it reads {@code -Command -} line by line, so a value must never span lines.
     */
    public static String asciiExpression(String value) {
        return expression(value, true);
    }

    /**
     * Like {@link #asciiExpression} but printable non-ASCII characters stay in the literals (every
     * kind of single quote doubled); only line breaks and other control characters become
     * {@code [char]} codes, so a statement still never spans lines. For a shell that reads its
     * input as UTF-8.
     */
    public static String unicodeExpression(String value) {
        return expression(value, false);
    }

    private static String expression(String value, boolean asciiOnly) {
        if (value.isEmpty()) {
            return "''";
        }
        StringBuilder out = new StringBuilder();
        StringBuilder run = new StringBuilder();
        int parts = 0;
        boolean startsWithText = inLiteral(value.charAt(0), asciiOnly);
        if (!startsWithText) {
            // [char] + [char] would add numbers; starting from a string makes every + a concatenation.
            out.append("''");
            parts++;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (inLiteral(c, asciiOnly)) {
                run.append(c);
                continue;
            }
            if (run.length() > 0) {
                parts = join(out, parts, literal(run.toString()));
                run.setLength(0);
            }
            parts = join(out, parts, String.format("[char]0x%04X", (int) c));
        }
        if (run.length() > 0) {
            parts = join(out, parts, literal(run.toString()));
        }
        return parts == 1 ? out.toString() : "(" + out + ")";
    }

    private static int join(StringBuilder out, int parts, String part) {
        if (parts > 0) {
            out.append(" + ");
        }
        out.append(part);
        return parts + 1;
    }

    private static boolean inLiteral(char c, boolean asciiOnly) {
        if (asciiOnly) {
            return isPrintableAscii(c);
        }
        // Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
        return !(c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029');
    }

    static boolean isPrintableAscii(char c) {
        return c >= 0x20 && c <= 0x7E;
    }

    /**
     * Appends one script line, CRLF-terminated. A comment line ({@code #} first) has every control
     * character escaped: a line break in a value would end the comment and run the rest as code.
     * Code lines carry values only through {@link #literal} and the expressions, which quote them.
     */
    static void line(StringBuilder script, String text) {
        script.append(text.startsWith("#") ? ControlCharacters.escape(text, "") : text)
                .append("\r\n");
    }
}
