package io.cutover;

/**
 * Stable error codes. The names are a public contract: scripts and the HTTP API match on them.
 * Each carries the process exit code the CLI returns for it.
 */
public enum ErrorCode {
    BAD_INPUT(2),
    MALFORMED_SCENARIO(2),
    MALFORMED_PLAN(2),
    UNKNOWN_VERSION(2),
    UNKNOWN_POOL(2),
    UNKNOWN_SITE(2),
    UNKNOWN_USER(2),
    UNKNOWN_STEP(2),
    UNKNOWN_PHASE(2),
    UNSUPPORTED_MIGRATION_PATH(2),
    UNSUPPORTED_COEXISTENCE(2),
    NO_TARGET_POOL_IN_SITE(2),
    NO_TARGET_EDGE_IN_SITE(2),
    TARGET_CAPACITY_EXCEEDED(2),
    PLAN_CHECKSUM_MISMATCH(2),
    NO_RUN(2),
    RUN_ALREADY_STARTED(2),
    NO_LAB(2),
    NOT_CONFIRMED(2),
    POINT_OF_NO_RETURN(2),
    NOT_AWAITING_APPROVAL(2),
    UNAUTHENTICATED(2),
    /** Too many requests of one kind from one client address in a short time (HTTP 429). */
    TOO_MANY_REQUESTS(2),
    FORBIDDEN(2),
    RUN_IN_PROGRESS(2),
    POOL_NOT_EMPTY(3),
    GATE_FAILED(3),
    STEP_FAILED(3),
    /** The deployment could not be read or reached at all (e.g. the shell command does not start). */
    DEPLOYMENT_FAILED(3),
    INTERNAL(1);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
