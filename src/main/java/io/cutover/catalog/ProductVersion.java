package io.cutover.catalog;

import java.util.Set;

/**
 * One server product version.
 *
 * @param name the product name, e.g. "Skype for Business Server 2019"; the key everywhere
 * @param shortName a short label for tables, e.g. "SfB 2019"
 * @param rank ordering by age: a higher rank is newer
 * @param build the build prefix, e.g. "7.0"
 * @param serviceVersion the ServiceVersion value the published topology writes
 * @param features what the version offers
 * @param removed what the version removed compared to its predecessors
 * @param poolCapacity users one Front End pool of this version is sized for
 */
public record ProductVersion(
        String name,
        String shortName,
        int rank,
        String build,
        int serviceVersion,
        Set<Feature> features,
        Set<Feature> removed,
        int poolCapacity) {

    public ProductVersion {
        features = Set.copyOf(features);
        removed = Set.copyOf(removed);
    }

    public boolean offers(Feature feature) {
        return features.contains(feature);
    }

    /**
     * The features among {@code needed} this version does not offer. A user who depends on one of
     * them cannot move to a pool of this version and is retained on the legacy pool.
     */
    public Set<Feature> lacking(java.util.Collection<Feature> needed) {
        Set<Feature> lost = java.util.EnumSet.noneOf(Feature.class);
        for (Feature f : needed) {
            if (!offers(f)) {
                lost.add(f);
            }
        }
        return lost;
    }

    public boolean isOlderThan(ProductVersion other) {
        return rank < other.rank;
    }
}
