package io.cutover.cli;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.util.List;

/**
 * The range a numeric option accepts, checked before a verb does anything: a value out of range is
 * bad input (exit 2) naming the option, never a run that sleeps for ever or a workspace half made.
 */
record OptionRange(String option, long min, long max) {
    /**
     * @return the value, when {@code min <= value <= max}
     * @throws CutoverException BAD_INPUT naming the option and its range otherwise
     */
    long check(long value) {
        if (value < min || value > max) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, option + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** Checks every value of a list option. */
    void checkAll(List<Integer> values) {
        values.forEach(this::check);
    }
}
