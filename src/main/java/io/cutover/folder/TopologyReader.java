package io.cutover.folder;

import static io.cutover.folder.TopologyElements.all;
import static io.cutover.folder.TopologyElements.child;
import static io.cutover.folder.TopologyElements.children;
import static io.cutover.folder.TopologyElements.first;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.catalog.Catalog;
import io.cutover.catalog.ProductVersion;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.SiteKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads the published topology ({@code Get-CsTopology -AsXml}) and the Topology Builder
 * {@code .tbxml} form into sites and pools. The document is loaded by {@link TopologyXml}, which
 * treats it as untrusted.
 */
final class TopologyReader {
    record TopologySite(String name, int siteId, SiteKind kind) {}

    record Topology(List<TopologySite> sites, List<Pool> pools, Fqdn cmsPool, Map<Fqdn, Fqdn> poolOfMachine) {}

    private record Cluster(String id, Fqdn fqdn, String siteId, List<Fqdn> machines) {}

    private record Service(
            String id,
            String role,
            int version,
            String installedOn,
            List<String> dependsOn,
            List<String> backups,
            boolean director,
            boolean activeCms) {}

    private final Path file;
    private final String name;
    private final Catalog catalog;

    TopologyReader(Path file, Catalog catalog) {
        this.file = file;
        this.name = file.getFileName().toString();
        this.catalog = catalog;
    }

    private Fqdn fqdn(String text, String what) {
        try {
            return Fqdn.of(text);
        } catch (CutoverException e) {
            throw bad(what + " is '" + text + "', not a fully qualified domain name");
        }
    }

    Topology read() {
        Document doc = new TopologyXml(file).parse();
        Element root = doc.getDocumentElement();
        if (!root.getLocalName().equals("Topology") && !root.getLocalName().equals("TopologyBuilder")) {
            throw bad("the root element is <" + root.getLocalName()
                    + ">, not <Topology> (Get-CsTopology -AsXml) or <TopologyBuilder> (.tbxml)");
        }
        if (root.getLocalName().equals("TopologyBuilder")) {
            // Topology Builder keeps the published topology and the edited one; the edited one is what
            // the admin means to read.
            Element newer = first(root, "NewTopology");
            if (newer == null) {
                newer = first(root, "OldTopology");
            }
            if (newer == null) {
                throw bad("a <TopologyBuilder> document without <NewTopology> or <OldTopology>");
            }
            root = newer;
        }
        List<TopologySite> sites = new ArrayList<>();
        Map<String, String> siteNames = new HashMap<>();
        Set<String> branchSites = new TreeSet<>();
        for (Element e : all(root)) {
            Element nameChild = child(e, "Name");
            if (e.hasAttribute("SiteId") && nameChild != null) {
                String id = e.getAttribute("SiteId").trim();
                String siteName = nameChild.getTextContent().trim();
                if (siteName.isEmpty()) {
                    // A nameless site would be planned with step ids starting with "/".
                    throw bad("the site with SiteId " + id + " has an empty <Name>; every site needs a name");
                }
                SiteKind kind = e.getLocalName().equals("CentralSite") ? SiteKind.CentralSite : SiteKind.BranchSite;
                sites.add(new TopologySite(siteName, integer(id, "SiteId of site " + siteName), kind));
                siteNames.put(id, siteName);
                if (kind == SiteKind.BranchSite) {
                    branchSites.add(id);
                }
            }
        }

        Map<String, Cluster> clusters = new LinkedHashMap<>();
        Map<String, String> sqlToCluster = new HashMap<>();
        Set<String> sqlClusters = new TreeSet<>();
        for (Element c : all(root)) {
            if (!c.getLocalName().equals("Cluster") || !c.hasAttribute("Fqdn")) {
                continue;
            }
            Fqdn fqdn = fqdn(c.getAttribute("Fqdn").trim(), "the Fqdn of a <Cluster>");
            Element cid = child(c, "ClusterId");
            String id;
            String siteId;
            if (cid != null) {
                siteId = cid.getAttribute("SiteId").trim();
                id = siteId + ":" + cid.getAttribute("Number").trim();
            } else {
                id = c.getAttribute("UniqueId").trim();
                siteId = enclosingSiteId(c);
            }
            if (id.isEmpty() || siteId == null) {
                throw bad("cluster " + fqdn + " has no ClusterId (SiteId, Number) and no UniqueId inside a site");
            }
            List<Fqdn> machines = new ArrayList<>();
            for (Element m : all(c)) {
                if (m.getLocalName().equals("Machine") && m.hasAttribute("Fqdn")) {
                    machines.add(fqdn(m.getAttribute("Fqdn").trim(), "the Fqdn of a <Machine> of cluster " + fqdn));
                }
                if (m.getLocalName().equals("SqlInstance") && m.hasAttribute("UniqueId")) {
                    sqlToCluster.put(m.getAttribute("UniqueId").trim(), id);
                    sqlClusters.add(id);
                }
            }
            clusters.put(id, new Cluster(id, fqdn, siteId, machines));
        }
        for (Element s : all(root)) {
            if (s.getLocalName().equals("SqlInstanceId")) {
                Element cid = child(s, "ClusterId");
                if (cid != null) {
                    sqlClusters.add(cid.getAttribute("SiteId").trim() + ":"
                            + cid.getAttribute("Number").trim());
                }
            }
        }

        List<Service> services = new ArrayList<>();
        for (Element s : all(root)) {
            if (!s.getLocalName().equals("Service") || !s.hasAttribute("ServiceVersion")) {
                continue;
            }
            services.add(service(s, sqlToCluster));
        }
        Map<String, Service> byId = new HashMap<>();
        services.forEach(s -> byId.put(s.id(), s));

        Map<String, List<Service>> onCluster = new LinkedHashMap<>();
        for (Service s : services) {
            if (s.installedOn() != null) {
                onCluster
                        .computeIfAbsent(s.installedOn(), k -> new ArrayList<>())
                        .add(s);
            }
        }
        List<Pool> pools = new ArrayList<>();
        Map<Fqdn, Fqdn> poolOfMachine = new HashMap<>();
        Fqdn cms = null;
        for (Cluster c : clusters.values()) {
            List<Service> here = onCluster.getOrDefault(c.id(), List.of());
            if (here.isEmpty()) {
                // A cluster nothing is installed on has no version and homes nothing: not a pool.
                continue;
            }
            int version = 0;
            for (Service s : here) {
                version = Math.max(version, s.version());
                if (s.activeCms()) {
                    cms = c.fqdn();
                }
            }
            boolean branch = branchSites.contains(c.siteId());
            PoolRole role = role(here, sqlClusters.contains(c.id()), branch);
            Fqdn nextHop = role.dependsOnAPool() ? nextHop(c, here, byId, clusters) : null;
            int v = version;
            ProductVersion pv = catalog.byServiceVersion(v)
                    .orElseThrow(
                            () -> bad(
                                    "cluster " + c.fqdn() + " runs ServiceVersion " + v
                                            + ", which the catalog does not know (known: 5 Lync Server 2010, 6 Lync Server 2013, 7 Skype for Business Server 2015, 8 Skype for Business Server 2019)"));
            String site = siteNames.get(c.siteId());
            if (site == null) {
                throw bad("cluster " + c.fqdn() + " is in site " + c.siteId() + ", which the topology does not define");
            }
            pools.add(
                    new Pool(c.fqdn(), site, role, pv.name(), c.machines(), nextHop, backup(c, here, byId, clusters)));
            for (Fqdn m : c.machines()) {
                poolOfMachine.put(m, c.fqdn());
            }
        }
        if (cms == null) {
            for (Service s : services) {
                if (s.role().equals("CentralMgmt") && clusters.containsKey(s.installedOn())) {
                    cms = clusters.get(s.installedOn()).fqdn();
                }
            }
        }
        return new Topology(sites, pools, cms, poolOfMachine);
    }

    /**
     * The role follows from the services installed on the cluster, never from a closed list of
     * shapes: a Registrar with IsDirector is a Director; a Registrar in a branch site, or one without
     * the UserServices a Front End pool always runs, is a Survivable Branch Appliance or Server.
     */
    private static PoolRole role(List<Service> services, boolean holdsSql, boolean branchSite) {
        Set<String> roles = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        boolean director = false;
        for (Service s : services) {
            roles.add(s.role());
            director |= s.director();
        }
        if (roles.contains("Registrar")) {
            if (director) {
                return PoolRole.Director;
            }
            return branchSite || !roles.contains("UserServices") ? PoolRole.SurvivableBranch : PoolRole.FrontEnd;
        }
        for (Map.Entry<String, PoolRole> e : ROLE_NAMES.entrySet()) {
            if (roles.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return holdsSql ? PoolRole.SqlStore : PoolRole.Other;
    }

    /** Service role names of the topology, in the order they decide a cluster's role. */
    private static final Map<String, PoolRole> ROLE_NAMES = orderedRoles();

    private static Map<String, PoolRole> orderedRoles() {
        Map<String, PoolRole> m = new LinkedHashMap<>();
        m.put("EdgeServer", PoolRole.Edge);
        m.put("PersistentChatServer", PoolRole.PersistentChat);
        m.put("PersistentChatService", PoolRole.PersistentChat);
        m.put("MediationServer", PoolRole.Mediation);
        m.put("ExternalServer", PoolRole.TrustedApplication);
        m.put("TrustedApplicationPool", PoolRole.TrustedApplication);
        m.put("VideoInteropServer", PoolRole.VideoInterop);
        m.put("WacService", PoolRole.OfficeWebApps);
        m.put("WacServer", PoolRole.OfficeWebApps);
        return m;
    }

    /**
     * The registrar pool the cluster's services depend on (DependsOn links to a Registrar or
     * UserServices service on another cluster), or null: an Edge's, Director's or Mediation pool's
     * next hop, a branch appliance's associated central pool. A backup link is a pairing, not this.
     */
    /** The pool the cluster's registrar is paired with as its backup, or null. */
    private static Fqdn backup(
            Cluster c, List<Service> here, Map<String, Service> byId, Map<String, Cluster> clusters) {
        for (Service s : here) {
            for (String dep : s.backups()) {
                Service d = byId.get(dep);
                if (d != null && !c.id().equals(d.installedOn()) && clusters.containsKey(d.installedOn())) {
                    return clusters.get(d.installedOn()).fqdn();
                }
            }
        }
        return null;
    }

    private static Fqdn nextHop(
            Cluster c, List<Service> here, Map<String, Service> byId, Map<String, Cluster> clusters) {
        for (Service s : here) {
            for (String dep : s.dependsOn()) {
                Service d = byId.get(dep);
                if (d != null
                        && (d.role().equals("Registrar") || d.role().equals("UserServices"))
                        && !c.id().equals(d.installedOn())
                        && clusters.containsKey(d.installedOn())) {
                    return clusters.get(d.installedOn()).fqdn();
                }
            }
        }
        return null;
    }

    private Service service(Element s, Map<String, String> sqlToCluster) {
        int version = integer(s.getAttribute("ServiceVersion").trim(), "ServiceVersion");
        Element sid = child(s, "ServiceId");
        String id;
        String role;
        String installedOn = null;
        List<String> dependsOn = new ArrayList<>();
        List<String> backups = new ArrayList<>();
        if (sid != null) {
            role = sid.getAttribute("RoleName").trim();
            id = serviceKey(sid);
            Element on = child(s, "InstalledOn");
            if (on != null) {
                Element cid = child(on, "ClusterId");
                if (cid == null) {
                    Element sql = child(on, "SqlInstanceId");
                    cid = sql == null ? null : child(sql, "ClusterId");
                }
                if (cid != null) {
                    installedOn = cid.getAttribute("SiteId").trim() + ":"
                            + cid.getAttribute("Number").trim();
                }
            }
            Element deps = child(s, "DependsOn");
            if (deps != null) {
                for (Element d : children(deps, "Dependency")) {
                    Element dsid = child(d, "ServiceId");
                    if (dsid != null) {
                        // A backup link pairs two registrar pools (disaster recovery); it is no next hop.
                        boolean backup = d.getAttribute("Usage")
                                .toLowerCase(java.util.Locale.ROOT)
                                .contains("backup");
                        (backup ? backups : dependsOn).add(serviceKey(dsid));
                    }
                }
            }
        } else {
            role = s.getAttribute("RoleName").trim();
            id = s.getAttribute("UniqueId").trim();
            String on = s.getAttribute("InstalledOn").trim();
            installedOn = sqlToCluster.getOrDefault(on, on.isEmpty() ? null : on);
            Element deps = child(s, "DependsOn");
            if (deps != null) {
                for (Element d : children(deps, "Dependency")) {
                    dependsOn.add(d.getAttribute("ServiceUniqueId").trim());
                }
            }
        }
        boolean director = false;
        boolean activeCms = false;
        for (Element e : all(s)) {
            if (e.getLocalName().equals("RegistrarService")) {
                director = e.getAttribute("IsDirector").trim().equalsIgnoreCase("true");
            }
            if (e.getLocalName().equals("CentralMgmtService")) {
                activeCms = e.getAttribute("IsActive").trim().equalsIgnoreCase("true");
            }
        }
        return new Service(id, role, version, installedOn, dependsOn, backups, director, activeCms);
    }

    private static String serviceKey(Element serviceId) {
        return serviceId.getAttribute("SiteId").trim() + ":"
                + serviceId.getAttribute("RoleName").trim() + ":"
                + serviceId.getAttribute("Instance").trim();
    }

    private static String enclosingSiteId(Element e) {
        for (Node n = e.getParentNode(); n instanceof Element p; n = n.getParentNode()) {
            if (p.hasAttribute("SiteId") && child(p, "Name") != null) {
                return p.getAttribute("SiteId").trim();
            }
        }
        return null;
    }

    private int integer(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw bad(what + " is '" + text + "', not a whole number");
        }
    }

    private CutoverException bad(String what) {
        return new CutoverException(ErrorCode.BAD_INPUT, name + ": " + what);
    }
}
