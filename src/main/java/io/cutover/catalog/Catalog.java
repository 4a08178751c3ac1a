package io.cutover.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the product knows about server versions. Coexistence is data: a list of version sets
 * that may share one topology; any subset of an allowed set may coexist. Migration is a list of
 * direct paths.
 */
public final class Catalog {
    private final Map<String, ProductVersion> versions;
    private final List<Set<String>> coexistence;
    private final Map<String, Set<String>> migrations;

    Catalog(Map<String, ProductVersion> versions, List<Set<String>> coexistence, Map<String, Set<String>> migrations) {
        this.versions = Map.copyOf(versions);
        this.coexistence = List.copyOf(coexistence);
        this.migrations = Map.copyOf(migrations);
    }

    /** The catalog bundled with the product. */
    public static Catalog bundled() {
        try (InputStream in = Catalog.class.getResourceAsStream("catalog.json")) {
            if (in == null) {
                throw new CutoverException(ErrorCode.INTERNAL, "catalog.json is missing from the classpath");
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Catalog parse(JsonNode root) {
        Map<String, ProductVersion> versions = new LinkedHashMap<>();
        for (JsonNode v : root.path("versions")) {
            ProductVersion pv = new ProductVersion(
                    v.path("name").asText(),
                    v.path("shortName").asText(),
                    v.path("rank").asInt(),
                    v.path("build").asText(),
                    v.path("serviceVersion").asInt(),
                    features(v.path("features")),
                    features(v.path("removed")),
                    v.path("poolCapacity").asInt());
            versions.put(pv.name(), pv);
        }
        List<Set<String>> coexistence = new ArrayList<>();
        for (JsonNode set : root.path("coexistence")) {
            Set<String> names = new TreeSet<>();
            set.forEach(n -> names.add(n.asText()));
            coexistence.add(names);
        }
        Map<String, Set<String>> migrations = new LinkedHashMap<>();
        root.path("migrations").fields().forEachRemaining(e -> {
            Set<String> to = new TreeSet<>();
            e.getValue().forEach(n -> to.add(n.asText()));
            migrations.put(e.getKey(), to);
        });
        return new Catalog(versions, coexistence, migrations);
    }

    private static Set<Feature> features(JsonNode array) {
        Set<Feature> set = EnumSet.noneOf(Feature.class);
        array.forEach(n -> set.add(Feature.valueOf(n.asText())));
        return set;
    }

    /** All versions, oldest first. */
    public List<ProductVersion> versions() {
        return versions.values().stream()
                .sorted(Comparator.comparingInt(ProductVersion::rank))
                .toList();
    }

    /**
     * Finds a version by its product name, short name or build ("Lync Server 2013", "Lync 2013",
     * "5.0"), case-insensitively.
     */
    public Optional<ProductVersion> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.trim().toLowerCase(Locale.ROOT);
        return versions.values().stream()
                .filter(v -> v.name().toLowerCase(Locale.ROOT).equals(key)
                        || v.shortName().toLowerCase(Locale.ROOT).equals(key)
                        || v.build().equals(key))
                .findFirst();
    }

    /** Like {@link #find} but an unknown name is bad input, named in the error. */
    public ProductVersion version(String text) {
        return find(text)
                .orElseThrow(() -> new CutoverException(
                        ErrorCode.UNKNOWN_VERSION,
                        "unknown product version '" + text + "'; known: " + String.join(", ", versions.keySet())));
    }

    /** The version the published topology marks with this ServiceVersion value. */
    public Optional<ProductVersion> byServiceVersion(int serviceVersion) {
        return versions.values().stream()
                .filter(v -> v.serviceVersion() == serviceVersion)
                .findFirst();
    }

    /** Whether all these versions may share one topology. */
    public boolean mayCoexist(Collection<ProductVersion> present) {
        Set<String> names = new TreeSet<>();
        present.forEach(v -> names.add(v.name()));
        if (names.size() <= 1) {
            return true;
        }
        return coexistence.stream().anyMatch(allowed -> allowed.containsAll(names));
    }

    public boolean mayCoexist(ProductVersion a, ProductVersion b) {
        return mayCoexist(List.of(a, b));
    }

    /** Whether users and objects may move straight from a pool of {@code from} to one of {@code to}. */
    public boolean mayMigrate(ProductVersion from, ProductVersion to) {
        return migrations.getOrDefault(from.name(), Set.of()).contains(to.name());
    }

    /**
     * The intermediate versions through which {@code from} can reach {@code to} in two hops, oldest
     * first; empty when there is none (or a direct path exists).
     */
    public List<ProductVersion> twoHopVia(ProductVersion from, ProductVersion to) {
        return migrations.getOrDefault(from.name(), Set.of()).stream()
                .map(versions::get)
                .filter(mid -> mayMigrate(mid, to))
                .sorted(Comparator.comparingInt(ProductVersion::rank))
                .toList();
    }

    /** The features a user loses by moving from {@code from} to {@code to}. */
    public Set<Feature> lostMoving(ProductVersion from, ProductVersion to) {
        Set<Feature> lost = EnumSet.noneOf(Feature.class);
        lost.addAll(from.features());
        lost.removeAll(to.features());
        return lost;
    }
}
