package io.cutover;

/**
 * Neutralises the characters that act on whatever shows a text rather than being shown by it:
 * the C0 controls, DEL, the C1 controls, the line and paragraph separators and the bidirectional
 * overrides. Each becomes the six visible characters {@code \}{@code uXXXX}, so an inventory value
 * cannot clear a terminal, set its title, end a script comment or reorder a report line. Every
 * output kind calls this once, in the one place it writes text, keeping what it needs (a line
 * break where one is its own).
 */
public final class ControlCharacters {
    private ControlCharacters() {}

    /**
     * @param keep the characters this output passes as they are (e.g. {@code "\n\t"}); may be empty
     * @return {@code text} with every other control character escaped; null as null
     */
    public static String escape(String text, String keep) {
        if (text == null) {
            return null;
        }
        int first = firstToEscape(text, keep);
        if (first < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c) && keep.indexOf(c) < 0) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Whether {@code c} acts on a display rather than being shown: controls, separators, bidi overrides. */
    public static boolean isControl(char c) {
        return c < 0x20
                || (c >= 0x7f && c <= 0x9f)
                || c == '\u2028'
                || c == '\u2029'
                || c == '\u200e'
                || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }

    private static int firstToEscape(String text, String keep) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c) && keep.indexOf(c) < 0) {
                return i;
            }
        }
        return -1;
    }
}
