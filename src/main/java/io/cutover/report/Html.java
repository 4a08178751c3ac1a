package io.cutover.report;

import io.cutover.ControlCharacters;

/** The one HTML escape of every report: markup characters as entities, control characters made visible. */
final class Html {
    private Html() {}

    /** A value as HTML text or attribute content; null as empty. */
    static String esc(String value) {
        if (value == null) {
            return "";
        }
        String s = ControlCharacters.escape(value, "\n\t");
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
