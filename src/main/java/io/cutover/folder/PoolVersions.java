package io.cutover.folder;

import io.cutover.catalog.Catalog;
import io.cutover.catalog.ProductVersion;
import io.cutover.inventory.Pool;
import io.cutover.inventory.ServerVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pools' versions as their servers report them. The topology cannot tell Subscription Edition from
 * 2019 (one build line, 7.0.2046, and one ServiceVersion): versions.csv can, by product name or by a
 * build revision of 820 or higher.
 */
final class PoolVersions {
    private PoolVersions() {}

    /** {@code pools} with each version as its servers report it; unchanged without reports. */
    static List<Pool> refine(List<Pool> pools, List<ServerVersion> reports, Catalog catalog) {
        List<Pool> refined = new ArrayList<>(pools.size());
        for (Pool p : pools) {
            Optional<ProductVersion> topology = catalog.find(p.version());
            if (topology.isEmpty()) {
                refined.add(p);
                continue;
            }
            List<ProductVersion> reported = reports.stream()
                    .filter(r -> p.servers().contains(r.computer()))
                    .flatMap(r -> catalog.reported(r.product(), r.version()).stream())
                    .toList();
            ProductVersion v = catalog.identify(topology.get(), reported);
            refined.add(new Pool(p.fqdn(), p.site(), p.role(), v.name(), p.servers(), p.nextHop()));
        }
        return refined;
    }
}
