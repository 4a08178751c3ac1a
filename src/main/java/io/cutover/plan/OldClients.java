package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What the plan does with a user whose last client cannot sign in to the target (see {@code
 * io.cutover.catalog.ClientSupport}). A client string the catalog does not recognise is reported,
 * never held back nor failed: it is more often a spelling the catalog lacks than a client that
 * cannot sign in, and holding users back on a guess would stall a migration.
 */
public enum OldClients {
    /** The user stays on the legacy pool (retained, code CLIENT_NOT_SUPPORTED), which is kept. */
    HOLD,
    /** The user moves with the wave, and the wave's validation gate fails naming them and their client. */
    FAIL;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static OldClients of(String json) {
        return valueOf(json.toUpperCase(Locale.ROOT));
    }

    /** Leaves the default out of the plan's JSON, so that plans made without the option keep their checksum. */
    public static final class DefaultFilter {
        @Override
        public boolean equals(Object value) {
            return value == null || value == HOLD;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
