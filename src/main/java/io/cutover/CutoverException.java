package io.cutover;

/**
 * The one unchecked root exception of the product. Its message is one line for people: what was
 * found, where, and what to run next.
 */
public class CutoverException extends RuntimeException {
    private final ErrorCode code;

    public CutoverException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public CutoverException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
