package io.cutover.run;

import io.cutover.deployment.Deployment;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pools as the deployment has them now, with what each homes: the live part of a status, kept
 * apart from {@link Status} because asking the deployment is slow (through the shell, one script per
 * pool) and the journal already knows how the run stands.
 */
public final class LivePools {
    private LivePools() {}

    /** One line per pool, by site then FQDN; asks the deployment for its snapshot and each pool's state. */
    public static List<StatusReport.PoolLine> of(Deployment deployment) {
        Inventory now = deployment.snapshot();
        Map<Fqdn, Integer> users = new LinkedHashMap<>();
        now.users().forEach(u -> users.merge(u.pool(), 1, Integer::sum));
        Map<Fqdn, Integer> objects = new LinkedHashMap<>();
        now.objects().forEach(o -> objects.merge(o.pool(), 1, Integer::sum));
        List<StatusReport.PoolLine> pools = new ArrayList<>();
        for (Pool p : now.pools().stream()
                .sorted(java.util.Comparator.comparing(Pool::site).thenComparing(Pool::fqdn))
                .toList()) {
            Fqdn k = p.fqdn();
            pools.add(new StatusReport.PoolLine(
                    p.fqdn(),
                    p.site(),
                    p.role().name(),
                    p.version(),
                    deployment.poolState(p.fqdn()).name(),
                    users.getOrDefault(k, 0),
                    objects.getOrDefault(k, 0)));
        }
        return pools;
    }
}
