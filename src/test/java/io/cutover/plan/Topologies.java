package io.cutover.plan;

import io.cutover.catalog.Catalog;
import io.cutover.catalog.Feature;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Policies;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.SiteKind;
import io.cutover.inventory.User;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Small deployments for planner tests, built in code so that these tests depend on nothing but the
 * inventory records (not on the lab or an importer).
 */
final class Topologies {
    static final String LYNC_2010 = "Lync Server 2010";
    static final String LYNC_2013 = "Lync Server 2013";
    static final String SFB_2015 = "Skype for Business Server 2015";
    static final String SFB_2019 = "Skype for Business Server 2019";

    static final Catalog CATALOG = Catalog.bundled();

    static final String POOL01 = "pool01.contoso.com";
    static final String POOL19 = "pool19.contoso.com";
    static final String EDGE01 = "edge01.contoso.com";
    static final String EDGE19 = "edge19.contoso.com";

    private Topologies() {}

    static Builder builder() {
        return new Builder();
    }

    /** Small options that still make several waves out of a few dozen users. */
    static PlanOptions options() {
        return new PlanOptions(SFB_2019, 3, List.of(), List.of(5, 10), 2);
    }

    /**
     * Site Redmond: legacy SfB 2015 Front End pool01 (with {@code users} users, the two named
     * {@code test*} being test accounts) and Edge edge01, their 2019 counterparts pool19 and edge19
     * (both empty), the CMS on pool01, federation through edge01, one partner, two common area
     * phones and a conference directory on pool01.
     */
    static Builder redmond(int users) {
        return builder()
                .site("Redmond", EDGE01, null)
                .frontEnd(POOL01, "Redmond", SFB_2015)
                .frontEnd(POOL19, "Redmond", SFB_2019)
                .edge(EDGE01, "Redmond", SFB_2015, POOL01)
                .edge(EDGE19, "Redmond", SFB_2019, POOL19)
                .cms(POOL01)
                .partner("fabrikam.com")
                .users(POOL01, "user", users - 2)
                .testUser("sip:test1@contoso.com", POOL01)
                .testUser("sip:test2@contoso.com", POOL01)
                .object(HomedKind.CommonAreaPhone, "sip:lobby@contoso.com", POOL01)
                .object(HomedKind.CommonAreaPhone, "sip:kitchen@contoso.com", POOL01)
                .object(HomedKind.ConferenceDirectory, "3", POOL01);
    }

    /** A copy of the inventory with every list in another order: the same deployment. */
    static Inventory shuffled(Inventory inv, long seed) {
        Random random = new Random(seed);
        return new Inventory(
                shuffle(inv.sites(), random),
                shuffle(inv.pools(), random),
                inv.cmsPool(),
                shuffle(inv.users(), random),
                shuffle(inv.objects(), random),
                shuffle(inv.meetings(), random),
                shuffle(inv.clients(), random),
                shuffle(inv.services(), random),
                shuffle(inv.replicas(), random),
                inv.policies(),
                shuffle(inv.partners(), random));
    }

    private static <T> List<T> shuffle(List<T> list, Random random) {
        List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, random);
        return copy;
    }

    static final class Builder {
        private final List<Site> sites = new ArrayList<>();
        private final List<Pool> pools = new ArrayList<>();
        private final List<User> users = new ArrayList<>();
        private final List<HomedObject> objects = new ArrayList<>();
        private final List<String> partners = new ArrayList<>();
        private String cms;
        private Policies policies = Policies.none();

        Builder site(String name) {
            return site(name, null, null);
        }

        Builder site(String name, String federationRoute, String xmppFederationRoute) {
            sites.add(new Site(
                    name,
                    sites.size() + 1,
                    SiteKind.CentralSite,
                    federationRoute == null ? null : Fqdn.of(federationRoute),
                    xmppFederationRoute == null ? null : Fqdn.of(xmppFederationRoute)));
            return this;
        }

        Builder frontEnd(String fqdn, String site, String version) {
            return pool(fqdn, site, PoolRole.FrontEnd, version, null);
        }

        Builder edge(String fqdn, String site, String version, String nextHop) {
            return pool(fqdn, site, PoolRole.Edge, version, nextHop);
        }

        Builder pool(String fqdn, String site, PoolRole role, String version, String nextHop) {
            String machine = "srv1." + fqdn.substring(fqdn.indexOf('.') + 1);
            pools.add(new Pool(
                    Fqdn.of(fqdn),
                    site,
                    role,
                    version,
                    List.of(Fqdn.of(fqdn.substring(0, fqdn.indexOf('.')) + "-" + machine)),
                    nextHop == null ? null : Fqdn.of(nextHop)));
            return this;
        }

        /** {@code count} plain users named {@code sip:<prefix>NNNN@contoso.com}. */
        Builder users(String pool, String prefix, int count) {
            for (int i = 1; i <= count; i++) {
                user(String.format(Locale.ROOT, "sip:%s%04d@contoso.com", prefix, i), pool, false, Set.of());
            }
            return this;
        }

        Builder testUser(String sip, String pool) {
            return user(sip, pool, true, Set.of());
        }

        Builder user(String sip, String pool, Feature... features) {
            return user(sip, pool, false, Set.of(features));
        }

        Builder user(String sip, String pool, boolean test, Set<Feature> features) {
            return user(new User(SipAddress.of(sip), sip.substring(4), Fqdn.of(pool), Map.of(), features, test));
        }

        Builder user(User user) {
            users.add(user);
            return this;
        }

        Builder object(HomedKind kind, String identity, String pool) {
            objects.add(new HomedObject(kind, identity, kind + " " + identity, Fqdn.of(pool)));
            return this;
        }

        Builder cms(String pool) {
            this.cms = pool;
            return this;
        }

        Builder partner(String domain) {
            partners.add(domain);
            return this;
        }

        Builder policies(Map<PolicyKind, String> global, Map<String, Map<PolicyKind, String>> bySite) {
            this.policies = new Policies(global, bySite);
            return this;
        }

        Inventory build() {
            return new Inventory(
                    sites,
                    pools,
                    cms == null ? null : Fqdn.of(cms),
                    users,
                    objects,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    policies,
                    partners);
        }
    }
}
