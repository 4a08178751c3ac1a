package io.cutover.assess;

import io.cutover.assess.Assessment.Finding;
import io.cutover.assess.Assessment.FindingCode;
import io.cutover.assess.Assessment.RetainedUser;
import io.cutover.assess.Assessment.Severity;
import io.cutover.catalog.Catalog;
import io.cutover.catalog.ProductVersion;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The deployment as the assessment reads it: pools and their versions by lower-cased FQDN, site
 * names, users by lower-cased SIP address, what is homed where, references to pools the topology
 * lacks, the retained users, and the findings so far. The concerns that look at it share one
 * survey, each adding its findings; the helpers here are the rules they all read the same way.
 */
abstract sealed class Survey
        permits AssessmentDocument,
                VersionFindings,
                BuildFindings,
                UserFindings,
                ServerFindings,
                FederationFindings,
                PoolBlockers {
    final Inventory inv;
    final Catalog catalog;
    final ProductVersion target;
    final Map<Fqdn, Pool> pools;
    final Map<Fqdn, ProductVersion> versions;
    final Map<String, String> siteNames;
    /** Users by SIP address, the first listing of each. */
    final Map<SipAddress, User> users;

    final Map<SipAddress, List<String>> duplicates;
    final Map<Fqdn, Integer> usersOn;
    /** Of {@link #usersOn}, the disabled accounts. */
    final Map<Fqdn, Integer> disabledOn;

    final Map<Fqdn, Map<HomedKind, Integer>> objectsOn;
    /** Unknown pools (as first spelt): users, objects and other references to each. */
    final Map<Fqdn, List<String>> unknownReferences;

    final Map<Fqdn, List<RetainedUser>> retainedOn;
    final List<Finding> findings;

    Survey(Inventory inv, Catalog catalog, ProductVersion target) {
        this.inv = inv;
        this.catalog = catalog;
        this.target = target;
        this.pools = new TreeMap<>();
        this.versions = new HashMap<>();
        this.siteNames = new HashMap<>();
        this.users = new LinkedHashMap<>();
        this.duplicates = new TreeMap<>();
        this.usersOn = new HashMap<>();
        this.disabledOn = new HashMap<>();
        this.objectsOn = new HashMap<>();
        this.unknownReferences = new TreeMap<>();
        this.retainedOn = new TreeMap<>();
        this.findings = new ArrayList<>();
    }

    /** A view of {@code shared}: the same inventory, and the same maps and findings, which it adds to. */
    Survey(Survey shared) {
        this.inv = shared.inv;
        this.catalog = shared.catalog;
        this.target = shared.target;
        this.pools = shared.pools;
        this.versions = shared.versions;
        this.siteNames = shared.siteNames;
        this.users = shared.users;
        this.duplicates = shared.duplicates;
        this.usersOn = shared.usersOn;
        this.disabledOn = shared.disabledOn;
        this.objectsOn = shared.objectsOn;
        this.unknownReferences = shared.unknownReferences;
        this.retainedOn = shared.retainedOn;
        this.findings = shared.findings;
    }

    // ---- counting -----------------------------------------------------------------------------

    void countUsers() {
        Map<SipAddress, List<String>> spellings = new HashMap<>();
        for (User u : inv.users()) {
            SipAddress k = u.sipAddress();
            User first = users.putIfAbsent(k, u);
            if (first != null) {
                spellings
                        .computeIfAbsent(
                                k,
                                x -> new ArrayList<>(List.of(first.sipAddress().text())))
                        .add(u.sipAddress().text());
                continue;
            }
            Fqdn pool = u.pool();
            if (pools.containsKey(pool)) {
                usersOn.merge(pool, 1, Integer::sum);
                if (u.disabled()) {
                    disabledOn.merge(pool, 1, Integer::sum);
                }
            } else {
                unknown(u.pool(), "user " + u.sipAddress());
            }
        }
        spellings.forEach((k, list) -> {
            duplicates.put(k, list);
            findings.add(
                    new Finding(
                            Severity.ERROR,
                            FindingCode.DUPLICATE_SIP_ADDRESS,
                            users.get(k).sipAddress().text(),
                            "SIP address "
                                    + users.get(k).sipAddress() + " is listed " + list.size() + " times ("
                                    + String.join(", ", list)
                                    + "); SIP addresses compare case-insensitively and must be unique; the first listing is assessed"));
        });
    }

    void countObjects() {
        for (HomedObject o : inv.objects()) {
            Fqdn pool = o.pool();
            if (pools.containsKey(pool)) {
                objectsOn
                        .computeIfAbsent(pool, k -> new EnumMap<>(HomedKind.class))
                        .merge(o.kind(), 1, Integer::sum);
            } else {
                unknown(o.pool(), o.kind() + " " + o.identity());
            }
        }
    }

    void unknown(Fqdn pool, String what) {
        unknownReferences.computeIfAbsent(pool, x -> new ArrayList<>()).add(what);
    }

    // ---- references to unknown pools ----------------------------------------------------------

    void unknownPools() {
        unknownReferences.forEach((pool, refs) -> {
            List<String> shown = refs.subList(0, Math.min(3, refs.size()));
            findings.add(new Finding(
                    Severity.ERROR,
                    FindingCode.UNKNOWN_POOL_REFERENCE,
                    pool.text(),
                    refs.size() + (refs.size() == 1 ? " reference" : " references") + " to pool " + pool
                            + ", which the topology lacks (" + String.join(", ", shown)
                            + (refs.size() > 3 ? ", ..." : "") + ")"));
        });
    }

    // ---- small things -------------------------------------------------------------------------

    Map<String, List<Pool>> poolsBySite() {
        Map<String, List<Pool>> bySite = new TreeMap<>();
        for (Pool p : pools.values()) {
            bySite.computeIfAbsent(Site.key(p.site()), k -> new ArrayList<>()).add(p);
        }
        return bySite;
    }

    Pool targetFrontEnd(List<Pool> sitePools) {
        return sitePools.stream()
                .filter(p -> p.role() == PoolRole.FrontEnd && isTarget(p))
                .min(Comparator.comparing(p -> p.fqdn()))
                .orElse(null);
    }

    List<Site> sortedSites() {
        List<Site> sites = new ArrayList<>(inv.sites());
        sites.sort(Comparator.comparing(s -> Site.key(s.name())));
        return sites;
    }

    String siteName(String name) {
        return siteNames.getOrDefault(Site.key(name), name);
    }

    ProductVersion version(Pool p) {
        return versions.get(p.fqdn());
    }

    boolean legacy(Pool p) {
        return version(p).isOlderThan(target);
    }

    boolean isTarget(Pool p) {
        return version(p).name().equals(target.name());
    }

    static String fqdns(List<Pool> list) {
        return list.stream().map(p -> p.fqdn().text()).collect(Collectors.joining(", "));
    }
}
