package io.cutover.journal;

/** An attempt is journaled twice: when it begins (before touching anything) and when it ends. */
public enum Event {
    BEGIN,
    END
}
