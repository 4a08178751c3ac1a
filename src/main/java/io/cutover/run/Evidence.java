package io.cutover.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.check.CheckResult;
import java.util.List;

/** Gate evidence as the journal stores it: the check results, as JSON. */
public final class Evidence {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Evidence() {}

    public static String write(List<CheckResult> results) {
        try {
            return MAPPER.writeValueAsString(results);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads evidence back; a detail that is not evidence (older rows, plain text) reads as none. */
    public static List<CheckResult> read(String detail) {
        if (detail == null || !detail.startsWith("[")) {
            return List.of();
        }
        try {
            return MAPPER.readValue(detail, new TypeReference<List<CheckResult>>() {});
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
