package io.cutover.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Plans to and from JSON. The JSON is canonical (record field order, map keys sorted), so the
 * checksum of the same plan is the same on every machine.
 */
public final class PlanCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private PlanCodec() {}

    public static String toJson(Plan plan) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(plan) + "\n";
        } catch (JsonProcessingException e) {
            throw new CutoverException(ErrorCode.INTERNAL, "cannot write plan: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a plan and verifies its checksum, so a hand-edited plan is refused rather than run.
     *
     * @param where the file name, for the error message
     */
    public static Plan fromJson(String json, String where) {
        Plan plan;
        try {
            plan = MAPPER.readValue(json, Plan.class);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new CutoverException(
                    ErrorCode.MALFORMED_PLAN, where + at + ": not a valid plan: " + e.getOriginalMessage());
        }
        if (plan == null || plan.steps() == null) {
            throw new CutoverException(ErrorCode.MALFORMED_PLAN, where + ": not a valid plan: no steps");
        }
        if (plan.format() != Plan.FORMAT) {
            throw new CutoverException(
                    ErrorCode.MALFORMED_PLAN,
                    where + ": plan format " + plan.format() + " is not supported (expected " + Plan.FORMAT + ")");
        }
        String expected = checksum(plan);
        if (!expected.equals(plan.checksum())) {
            throw new CutoverException(
                    ErrorCode.PLAN_CHECKSUM_MISMATCH,
                    where + ": checksum " + plan.checksum() + " does not match the plan's content (" + expected
                            + "); the plan was edited after planning. Run `cutover plan` again.");
        }
        return plan;
    }

    /** Returns the plan with its checksum set. */
    public static Plan seal(Plan plan) {
        return plan.withChecksum(checksum(plan));
    }

    /** SHA-256 over the canonical JSON of the plan without its checksum. */
    public static String checksum(Plan plan) {
        try {
            byte[] bytes = MAPPER.writeValueAsBytes(plan.withChecksum(null));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new CutoverException(ErrorCode.INTERNAL, "cannot checksum plan: " + e.getMessage(), e);
        }
    }
}
