package io.cutover.lab;

import io.cutover.deployment.ProbeKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The operation names faults select: {@code move}, {@code route}, {@code deploy},
 * {@code decommission}, {@code probe} (any probe) and {@code probe:<ProbeKind>}.
 */
final class Operations {
    static final String MOVE = "move";
    static final String ROUTE = "route";
    static final String DEPLOY = "deploy";
    static final String DECOMMISSION = "decommission";
    static final String PROBE = "probe";
    static final List<String> NAMES = List.of(MOVE, ROUTE, DEPLOY, DECOMMISSION, PROBE, "probe:<ProbeKind>");

    private Operations() {}

    /** The canonical spelling, or empty when the text names no operation. */
    static Optional<String> canonical(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (List.of(MOVE, ROUTE, DEPLOY, DECOMMISSION, PROBE).contains(t)) {
            return Optional.of(t);
        }
        if (t.startsWith(PROBE + ":")) {
            String kind = t.substring(PROBE.length() + 1).trim();
            for (ProbeKind k : ProbeKind.values()) {
                if (k.name().equalsIgnoreCase(kind)) {
                    return Optional.of(of(k));
                }
            }
        }
        return Optional.empty();
    }

    static String of(ProbeKind kind) {
        return PROBE + ":" + kind.name();
    }

    /** Whether a fault's operation filter selects an actual operation ("probe" selects every probe). */
    static boolean matches(String filter, String operation) {
        return filter.equals(operation) || (filter.equals(PROBE) && operation.startsWith(PROBE + ":"));
    }
}
