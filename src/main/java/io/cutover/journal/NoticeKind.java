package io.cutover.journal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What a notice tells of. The codes are the {@code event} of the webhook payload and of the settings' {@code events}. */
public enum NoticeKind {
    GATE_FAILED("gate.failed"),
    APPROVAL_AWAITED("approval.awaited"),
    RUN_FINISHED("run.finished"),
    ROLLBACK_DONE("rollback.done"),
    WINDOW_OPENED("window.opened"),
    WINDOW_CLOSED("window.closed"),
    BUDGET_EXHAUSTED("budget.exhausted"),
    INSTANCE_LOST("instance.lost");

    private final String code;

    NoticeKind(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** @throws IllegalArgumentException naming the known codes, for a code that is none of them */
    @JsonCreator
    public static NoticeKind of(String code) {
        return Arrays.stream(values())
                .filter(k -> k.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown event '" + code + "'; known: "
                        + Arrays.stream(values()).map(NoticeKind::code).toList()));
    }
}
