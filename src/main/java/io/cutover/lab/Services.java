package io.cutover.lab;

import io.cutover.inventory.PoolRole;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The Windows services Get-CsWindowsService lists on a server of each role. */
final class Services {
    private static final List<String> FRONT_END =
            List.of("RTCSRV", "RTCAVMCU", "RTCIMMCU", "RTCASMCU", "RTCDATAMCU", "RTCREPLICA");
    private static final List<String> EDGE =
            List.of("RTCSRV", "RTCMRAUTH", "RTCMEDIARELAY", "RTCDATAPROXY", "RTCREPLICA");
    private static final List<String> DIRECTOR = List.of("RTCSRV", "RTCREPLICA");
    private static final List<String> MEDIATION = List.of("RTCMEDSRV", "RTCREPLICA");
    private static final List<String> PERSISTENT_CHAT = List.of("RTCCHAT", "RTCREPLICA");
    private static final List<String> BRANCH = List.of("RTCSRV", "RTCMEDSRV", "RTCREPLICA");
    private static final List<String> OTHER = List.of("RTCREPLICA");

    /** Every name any role runs, in a stable order, for validating fault files. */
    static final Set<String> ALL;

    static {
        Set<String> all = new LinkedHashSet<>();
        for (PoolRole role : PoolRole.values()) {
            all.addAll(of(role));
        }
        ALL = java.util.Collections.unmodifiableSet(all);
    }

    private Services() {}

    static List<String> of(PoolRole role) {
        return switch (role) {
            case FrontEnd -> FRONT_END;
            case Edge -> EDGE;
            case Director -> DIRECTOR;
            case Mediation -> MEDIATION;
            case PersistentChat -> PERSISTENT_CHAT;
            // A SQL back end runs SQL Server, not Lync services, and holds no CMS replica of its own.
            case SqlStore -> List.of();
            case SurvivableBranch -> BRANCH;
            case TrustedApplication, VideoInterop, OfficeWebApps, Other -> OTHER;
        };
    }

    /** Whether servers of this role hold a CMS replica. */
    static boolean holdsReplica(PoolRole role) {
        return of(role).contains("RTCREPLICA");
    }
}
