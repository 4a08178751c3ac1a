package io.cutover.lab;

/**
 * A generated name: literal text with {@code {n}} for the user's number, or {@code {n:04}} for it
 * zero-padded to four digits. Padding makes SIP-address order equal generation order, which is
 * the order a planner picks pilot users in.
 */
record NamePattern(String text) {
    /** Why the text is not a pattern, or null when it is one. */
    static String problem(String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '}') {
                return "unbalanced '}'";
            }
            if (c == '{') {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    return "unbalanced '{'";
                }
                String token = text.substring(i + 1, end);
                if (!token.equals("n") && !token.matches("n:0[1-9]")) {
                    return "'{" + token + "}' is not a placeholder; use {n} or {n:04}";
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return null;
    }

    boolean numbered() {
        return text.contains("{n");
    }

    String apply(int n) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{') {
                int end = text.indexOf('}', i);
                String token = text.substring(i + 1, end);
                String digits = Integer.toString(n);
                if (token.length() > 1) {
                    int width = token.charAt(3) - '0';
                    for (int pad = digits.length(); pad < width; pad++) {
                        out.append('0');
                    }
                }
                out.append(digits);
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
