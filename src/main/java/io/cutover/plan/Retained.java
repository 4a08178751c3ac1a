package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cutover.catalog.Feature;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
import java.util.List;

/**
 * A user the plan leaves on a legacy pool, and why.
 *
 * @param features the features the target lacks that hold the user back; empty when something else does
 * @param code a stable code for what holds the user back when it is not a feature
 *     ({@value #CLIENT_NOT_SUPPORTED}); null (and left out of the JSON) for features
 */
public record Retained(
        SipAddress sipAddress,
        Fqdn pool,
        List<Feature> features,
        String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) String code) {
    /** The user's last client cannot sign in to the target version. */
    public static final String CLIENT_NOT_SUPPORTED = io.cutover.check.Check.CLIENT_NOT_SUPPORTED;

    public Retained(SipAddress sipAddress, Fqdn pool, List<Feature> features, String reason) {
        this(sipAddress, pool, features, reason, null);
    }
}
