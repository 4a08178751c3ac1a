package io.cutover.catalog;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.util.Locale;

/** A capability a user can depend on and a product version may or may not offer. */
public enum Feature {
    Im,
    Presence,
    Voice,
    Conferencing,
    PersistentChat,
    Xmpp,
    SqlMirroring,
    Mcx,
    InPlaceUpgrade;

    /** Parses a feature name case-insensitively, as usage.csv and scenario files write it. */
    public static Feature parse(String text) {
        for (Feature f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(text.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new CutoverException(ErrorCode.BAD_INPUT, "unknown feature '" + text + "'");
    }
}
