package io.cutover.catalog;

import java.util.List;

/**
 * One client product as a server's client version rules see it: "Lync 2010", "Skype for Business
 * 2016", "Skype for Business mobile".
 *
 * @param name the family's name, the key of the sign-in table
 * @param kind what it runs on
 * @param major the major number of its builds (4 for Lync 2010's 4.0.7577.x), or 0 when unknown
 * @param spellings lower-case fragments that name it in a client string, e.g. "lync 2010" or the
 *     user-agent token "uccapi/"; several families may share one, the build then tells them apart
 */
public record ClientFamily(String name, ClientKind kind, int major, List<String> spellings) {
    public ClientFamily {
        spellings = List.copyOf(spellings);
    }

    /** The longest of this family's spellings that {@code lowerText} contains, 0 when none does. */
    int match(String lowerText) {
        int best = 0;
        for (String s : spellings) {
            if (s.length() > best && lowerText.contains(s)) {
                best = s.length();
            }
        }
        return best;
    }
}
