package io.cutover.assess;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The readiness document's codes and severities are a public contract: scripts match on the strings. */
class AssessmentCodesJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The finding codes the readiness document is specified with, SERVER_NOT_ANSWERED and the version codes (README). */
    private static final List<String> FINDING_CODES = List.of(
            "UNSUPPORTED_MIGRATION_PATH",
            "UNSUPPORTED_COEXISTENCE",
            "NO_TARGET_POOL_IN_SITE",
            "NO_TARGET_EDGE_IN_SITE",
            "RETAINED_USERS",
            "HOSTS_CMS",
            "FEDERATION_ROUTE_ON_LEGACY_EDGE",
            "MANUAL_STEP_BEFORE_DECOMMISSION",
            "POOL_NOT_MIGRATED",
            "SERVICE_NOT_RUNNING",
            "REPLICA_NOT_UP_TO_DATE",
            "UNKNOWN_POOL_REFERENCE",
            "DUPLICATE_SIP_ADDRESS",
            "TARGET_CAPACITY_EXCEEDED",
            "EFFECTIVE_POLICY_CHANGES",
            "SERVER_NOT_ANSWERED",
            "UNSUPPORTED_VERSION",
            "VERSION_UNIDENTIFIED",
            "UNCONFIRMED_MIGRATION_PATH",
            "IN_PLACE_UPGRADE_ALTERNATIVE",
            "BELOW_MINIMUM_BUILD",
            "TOPOLOGY_NOT_PUBLISHED",
            "CLIENT_NOT_SUPPORTED",
            "CLIENT_UNKNOWN");

    /** What stands in the way of removing a pool today, as specified. */
    private static final List<String> BLOCKER_CODES = List.of(
            "HOMED_USERS",
            "HOMED_OBJECTS",
            "RETAINED_USERS",
            "HOSTS_CMS",
            "FEDERATION_ROUTE",
            "EDGE_NEXT_HOP",
            "XMPP_FEDERATION_ROUTE",
            "DIRECTOR_NEXT_HOP",
            "BRANCH_ASSOCIATION",
            "MEDIATION_NEXT_HOP",
            "PERSISTENT_CHAT_REGISTRAR",
            "TRUSTED_APPLICATION_REGISTRAR",
            "VIDEO_INTEROP_REGISTRAR",
            "NEXT_HOP",
            "BACKUP_PAIRING");

    /** "severity is error, warning or info". */
    private static final List<String> SEVERITIES = List.of("error", "warning", "info");

    private static List<String> json(Object[] values) throws Exception {
        return Arrays.asList(JSON.readValue(JSON.writeValueAsString(Arrays.asList(values)), String[].class));
    }

    private static <E> void readsBack(List<String> documented, Class<E> type) throws Exception {
        for (String s : documented) {
            E back = JSON.readValue(JSON.writeValueAsString(s), type);
            assertThat(JSON.writeValueAsString(back)).isEqualTo(JSON.writeValueAsString(s));
        }
    }

    @Test
    void every_finding_code_is_written_as_documented_and_read_back() throws Exception {
        assertThat(json(Assessment.FindingCode.values())).containsExactlyInAnyOrderElementsOf(FINDING_CODES);
        readsBack(FINDING_CODES, Assessment.FindingCode.class);
    }

    @Test
    void every_pool_blocker_code_is_written_as_documented_and_read_back() throws Exception {
        assertThat(json(Assessment.BlockerCode.values())).containsExactlyInAnyOrderElementsOf(BLOCKER_CODES);
        readsBack(BLOCKER_CODES, Assessment.BlockerCode.class);
    }

    @Test
    void every_severity_is_written_in_lower_case_as_documented_and_read_back() throws Exception {
        assertThat(json(Assessment.Severity.values())).containsExactlyInAnyOrderElementsOf(SEVERITIES);
        readsBack(SEVERITIES, Assessment.Severity.class);
    }

    @Test
    void a_finding_serialises_with_the_same_field_names_and_strings_as_before() throws Exception {
        Assessment.Finding f =
                new Assessment.Finding(Assessment.Severity.ERROR, Assessment.FindingCode.HOSTS_CMS, "pool1.x.com", "m");
        assertThat(JSON.writeValueAsString(f))
                .isEqualTo(
                        "{\"severity\":\"error\",\"code\":\"HOSTS_CMS\",\"subject\":\"pool1.x.com\",\"message\":\"m\"}");
    }
}
