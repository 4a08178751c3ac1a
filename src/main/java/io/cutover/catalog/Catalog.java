package io.cutover.catalog;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
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
    private final List<Migration> migrations;
    private final LocalDate reviewed;
    private final ClientSupport clients;

    Catalog(
            Map<String, ProductVersion> versions,
            List<Set<String>> coexistence,
            List<Migration> migrations,
            LocalDate reviewed,
            ClientSupport clients) {
        this.versions = new LinkedHashMap<>(versions);
        this.coexistence = List.copyOf(coexistence);
        this.migrations = List.copyOf(migrations);
        this.reviewed = reviewed;
        this.clients = clients;
    }

    /** The catalog bundled with the product. */
    public static Catalog bundled() {
        try (InputStream in = Catalog.class.getResourceAsStream("catalog.json")) {
            if (in == null) {
                throw new CutoverException(ErrorCode.INTERNAL, "catalog.json is missing from the classpath");
            }
            // The resource carries a comment with the source of every fact.
            ObjectMapper json = JsonMapper.builder()
                    .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                    .build();
            return parse(json.readTree(in));
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
                    v.path("poolCapacity").asInt(),
                    texts(v.path("aliases")),
                    v.path("endOfSupport").isTextual()
                            ? LocalDate.parse(v.path("endOfSupport").asText())
                            : null,
                    v.path("codeLine").asText(v.path("name").asText()),
                    Build.parse(v.path("firstBuild").asText(v.path("build").asText())),
                    minimums(v.path("coexistMinimum")));
            versions.put(pv.name(), pv);
        }
        List<Set<String>> coexistence = new ArrayList<>();
        for (JsonNode set : root.path("coexistence")) {
            Set<String> names = new TreeSet<>();
            set.forEach(n -> names.add(n.asText()));
            coexistence.add(names);
        }
        List<Migration> migrations = new ArrayList<>();
        for (JsonNode m : root.path("migrations")) {
            migrations.add(new Migration(
                    m.path("from").asText(),
                    m.path("to").asText(),
                    m.path("confirmed").asBoolean(true),
                    m.path("alternative").isTextual() ? m.path("alternative").asText() : null));
        }
        LocalDate reviewed = LocalDate.parse(root.path("reviewed").asText("2026-11-01"));
        return new Catalog(versions, coexistence, migrations, reviewed, ClientSupport.parse(root));
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static Map<String, MinimumBuild> minimums(JsonNode byTarget) {
        Map<String, MinimumBuild> map = new LinkedHashMap<>();
        byTarget.fields()
                .forEachRemaining(e -> map.put(
                        e.getKey(),
                        new MinimumBuild(
                                Build.parse(e.getValue().path("build").asText()),
                                e.getValue().path("update").asText(),
                                e.getValue().path("published").asBoolean(false))));
        return map;
    }

    /** Which clients may sign in to which server version. */
    public ClientSupport clients() {
        return clients;
    }

    /** The day the catalog's facts were last reviewed: "today" for a caller that gives no date. */
    public LocalDate reviewed() {
        return reviewed;
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
     * Finds a version by its product name, short name, an alias or build ("Lync Server 2013", "Lync
     * 2013", "2013", "SE", "Subscription Edition", "5.0"), case-insensitively. A build shared by
     * two versions ("7.0") names the older.
     */
    public Optional<ProductVersion> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.trim().toLowerCase(Locale.ROOT);
        return versions().stream()
                .filter(v -> v.name().toLowerCase(Locale.ROOT).equals(key)
                        || v.shortName().toLowerCase(Locale.ROOT).equals(key)
                        || v.aliases().stream()
                                .anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(key))
                        || v.build().equals(key))
                .findFirst();
    }

    /** Every name {@link #find} accepts for each version, newest first: for help texts. */
    public List<String> spellings() {
        List<String> list = new ArrayList<>();
        List<ProductVersion> newestFirst = new ArrayList<>(versions());
        java.util.Collections.reverse(newestFirst);
        for (ProductVersion v : newestFirst) {
            List<String> names = new ArrayList<>(List.of(v.name(), v.shortName()));
            names.addAll(v.aliases());
            list.add(String.join(" | ", new java.util.LinkedHashSet<>(names)));
        }
        return list;
    }

    /**
     * The version a server reports: by product name first ("Skype for Business Server
     * Subscription Edition"), else by build, within the build line of its major.minor the version
     * with the highest first build not above it (7.0.2046.820 and later: Subscription Edition).
     *
     * @return empty when neither the product nor the build names a version the catalog knows
     */
    public Optional<ProductVersion> reported(String product, String build) {
        Optional<ProductVersion> byName = find(product);
        if (byName.isPresent()) {
            return byName;
        }
        Optional<Build> b = Build.find(build);
        if (b.isEmpty()) {
            return Optional.empty();
        }
        return versions().stream()
                .filter(v -> b.get().inLine(v.build()) && v.firstBuild().compareTo(b.get()) <= 0)
                .reduce((older, newer) -> newer);
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
        // Oldest first: 2019 and Subscription Edition may share a value; the topology alone says 2019.
        return versions().stream()
                .filter(v -> v.serviceVersion() == serviceVersion)
                .findFirst();
    }

    /**
     * The version of a pool the topology marks as {@code fromTopology}, given what its servers
     * report: the newest reported version of the same build line (a 7.0 pool whose servers report
     * Subscription Edition is Subscription Edition), else the topology's.
     */
    public ProductVersion identify(ProductVersion fromTopology, Collection<ProductVersion> reported) {
        return reported.stream()
                .filter(v -> v.build().equals(fromTopology.build()))
                .max(Comparator.comparingInt(ProductVersion::rank))
                .orElse(fromTopology);
    }

    /**
     * The versions the topology cannot tell {@code v} from (same build line and ServiceVersion),
     * {@code v} included, oldest first: "2019 or Subscription Edition" for a 7.0 pool.
     */
    public List<ProductVersion> lookAlikes(ProductVersion v) {
        return versions().stream()
                .filter(o -> o.build().equals(v.build()) && o.serviceVersion() == v.serviceVersion())
                .toList();
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
        return migration(from, to).isPresent();
    }

    /** The direct path from {@code from} to {@code to}, with whether it is confirmed and its alternative. */
    public Optional<Migration> migration(ProductVersion from, ProductVersion to) {
        return migrations.stream()
                .filter(m -> m.from().equals(from.name()) && m.to().equals(to.name()))
                .findFirst();
    }

    /**
     * The intermediate versions through which {@code from} can reach {@code to} in two hops, oldest
     * first; empty when there is none (or a direct path exists).
     */
    public List<ProductVersion> twoHopVia(ProductVersion from, ProductVersion to) {
        return migrations.stream()
                .filter(m -> m.from().equals(from.name()))
                .map(m -> versions.get(m.to()))
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
