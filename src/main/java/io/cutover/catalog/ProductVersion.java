package io.cutover.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * @param aliases other names an operator may give it ("SE", "2019")
 * @param endOfSupport the day Microsoft's support ended or ends, or null when none is fixed
 * @param codeLine versions of one code line share it (2019 and Subscription Edition)
 * @param firstBuild the first build of the version: within one build line, the version of a server
 *     is the one with the highest first build not above the server's
 * @param coexistMinimum by target name, the oldest build of this version that may share a topology
 *     with that target
 */
public record ProductVersion(
        String name,
        String shortName,
        int rank,
        String build,
        int serviceVersion,
        Set<Feature> features,
        Set<Feature> removed,
        int poolCapacity,
        List<String> aliases,
        LocalDate endOfSupport,
        String codeLine,
        Build firstBuild,
        Map<String, MinimumBuild> coexistMinimum) {

    public ProductVersion {
        features = Set.copyOf(features);
        removed = Set.copyOf(removed);
        aliases = List.copyOf(aliases);
        coexistMinimum = Map.copyOf(coexistMinimum);
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

    /** Whether Microsoft's support had ended on {@code day}. */
    public boolean unsupportedOn(LocalDate day) {
        return endOfSupport != null && !day.isBefore(endOfSupport);
    }

    /** Whether {@code other} is built from the same code (2019 and Subscription Edition). */
    public boolean sameCodeAs(ProductVersion other) {
        return codeLine.equals(other.codeLine);
    }

    /** The oldest build of this version that may coexist with {@code target}, when the catalog knows one. */
    public Optional<MinimumBuild> minimumFor(ProductVersion target) {
        return Optional.ofNullable(coexistMinimum.get(target.name()));
    }
}
