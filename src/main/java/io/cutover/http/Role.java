package io.cutover.http;

/** What a signed-in person may do: a viewer reads, an operator also acts. */
public enum Role {
    VIEWER,
    OPERATOR;

    boolean mayAct() {
        return this == OPERATOR;
    }
}
