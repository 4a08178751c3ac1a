package io.cutover.check;

import io.cutover.catalog.Build;
import io.cutover.deployment.Deployment;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.ServerVersion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates {@link Check.MinimumBuilds} against the deployment as it is when the gate runs: a server
 * rebuilt from an old image since the assessment, or a cumulative update rolled back, fails here
 * before any user is moved.
 */
final class BuildCheck {
    /** The source of the rows written one per installed component rather than one per server. */
    private static final String COMPONENT_ROW = "Get-CsServerPatchVersion";

    private final Deployment deployment;

    BuildCheck(Deployment deployment) {
        this.deployment = deployment;
    }

    CheckResult run(Check.MinimumBuilds c) {
        List<String> failures = new ArrayList<>();
        Set<String> subjects = new LinkedHashSet<>();
        int servers = 0;
        for (Check.BuildFloor floor : c.floors()) {
            Build minimum = Build.parse(floor.minimum());
            List<ServerVersion> rows = deployment.serverVersions(floor.pool()).stream()
                    .filter(v -> !COMPONENT_ROW.equals(v.source()))
                    .toList();
            servers += rows.size();
            if (rows.isEmpty()) {
                failures.add(floor.pool() + ": no server reported its build: unknown, re-collect versions.csv");
                subjects.add(floor.pool().text());
            }
            for (ServerVersion row : rows) {
                below(row, minimum, floor).ifPresent(f -> {
                    failures.add(f);
                    subjects.add(row.computer().text());
                });
            }
        }
        return new CheckResult(
                c.describe(),
                failures.isEmpty(),
                failures,
                List.copyOf(subjects),
                servers,
                List.of(servers + " servers, " + failures.size() + " below the minimum build or unknown"));
    }

    private static Optional<String> below(ServerVersion row, Build minimum, Check.BuildFloor floor) {
        Fqdn server = row.computer();
        Optional<Build> build = Build.find(row.version());
        if (build.isEmpty()) {
            return Optional.of(server + ": build '" + row.version() + "' unreadable: unknown, re-collect");
        }
        if (build.get().compareTo(minimum) >= 0) {
            return Optional.empty();
        }
        return Optional.of(server + " runs " + build.get() + ", below " + minimum + " (pool " + floor.pool()
                + "); install " + floor.update()
                + (floor.published() ? "" : " (the minimum build is inferred, not published by Microsoft)"));
    }
}
