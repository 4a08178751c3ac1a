package io.cutover.lab;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;

/** Builds the one-line error for a bad scenario or fault file: {@code where:line: field: what}. */
final class Malformed {
    private Malformed() {}

    static CutoverException at(String where, int line, String path, String what) {
        String field = path == null || path.isEmpty() ? "" : path + ": ";
        return new CutoverException(ErrorCode.MALFORMED_SCENARIO, where + ":" + line + ": " + field + what);
    }
}
