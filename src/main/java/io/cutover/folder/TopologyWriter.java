package io.cutover.folder;

import io.cutover.catalog.Catalog;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Site;
import io.cutover.inventory.SiteKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The published topology document for an inventory, in the shape {@code Get-CsTopology -AsXml}
 * gives: sites, clusters with their machines, SQL instances, and per pool the services that make
 * its role (Registrar and UserServices for a Front End, Registrar as Director, EdgeServer with a
 * dependency on its next hop's Registrar, ...), each with the version's ServiceVersion, and the
 * active CentralMgmt service on the CMS pool.
 */
final class TopologyWriter {
    private static final String NS = "urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008";
    private static final String ROLES_NS = "urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008";

    private final Catalog catalog;

    TopologyWriter(Catalog catalog) {
        this.catalog = catalog;
    }

    String xml(Inventory inv) {
        StringBuilder x = new StringBuilder(16_384);
        x.append("<Topology xmlns=\"").append(NS).append("\">\r\n  <Sites>\r\n");
        Map<String, Integer> siteIds = new HashMap<>();
        List<Site> sites = new ArrayList<>(inv.sites());
        sites.sort(Comparator.comparingInt(Site::siteId));
        for (Site s : sites) {
            siteIds.put(Site.key(s.name()), s.siteId());
            String element = s.kind() == SiteKind.BranchSite ? "BranchSite" : "CentralSite";
            x.append("    <")
                    .append(element)
                    .append(" SiteId=\"")
                    .append(s.siteId())
                    .append("\">\r\n      <Name>")
                    .append(esc(s.name()))
                    .append("</Name>\r\n    </")
                    .append(element)
                    .append(">\r\n");
        }
        x.append("  </Sites>\r\n  <Clusters>\r\n");
        List<Pool> pools = new ArrayList<>(inv.pools());
        pools.sort(Comparator.comparing((Pool p) -> siteIds.getOrDefault(Site.key(p.site()), 0))
                .thenComparing(Pool::fqdn));
        Map<String, String> clusterOf = new HashMap<>();
        Map<Integer, Integer> numbers = new HashMap<>();
        for (Pool p : pools) {
            int site = siteIds.getOrDefault(Site.key(p.site()), 0);
            int number = numbers.merge(site, 1, Integer::sum);
            String cid = "<ClusterId SiteId=\"" + site + "\" Number=\"" + number + "\" />";
            clusterOf.put(p.fqdn().key(), cid);
            x.append("    <Cluster RequiresReplication=\"true\" RequiresSetup=\"true\" Fqdn=\"")
                    .append(esc(p.fqdn().text()))
                    .append("\">\r\n      ")
                    .append(cid)
                    .append("\r\n");
            int ordinal = 0;
            for (Fqdn m : p.servers()) {
                x.append("      <Machine OrdinalInCluster=\"")
                        .append(++ordinal)
                        .append("\" Fqdn=\"")
                        .append(esc(m.text()))
                        .append("\" />\r\n");
            }
            x.append("    </Cluster>\r\n");
        }
        x.append("  </Clusters>\r\n  <SqlInstances>\r\n");
        for (Pool p : pools) {
            if (p.role() == PoolRole.SqlStore) {
                x.append("    <SqlInstance>\r\n      <SqlInstanceId Name=\"\">\r\n        ")
                        .append(clusterOf.get(p.fqdn().key()))
                        .append("\r\n      </SqlInstanceId>\r\n    </SqlInstance>\r\n");
            }
        }
        x.append("  </SqlInstances>\r\n  <Services>\r\n");
        Map<String, Integer> instances = new HashMap<>();
        Map<String, String> registrarOf = new HashMap<>();
        // Front End registrars first, so that every other pool can name its next hop's Registrar
        // service, and a pool its backup partner's.
        Map<String, String> usersOf = new HashMap<>();
        for (Pool p : pools) {
            if (p.role() == PoolRole.FrontEnd) {
                int site = siteIds.getOrDefault(Site.key(p.site()), 0);
                usersOf.put(p.fqdn().key(), serviceId(site, "UserServices", instances));
                registrarOf.put(p.fqdn().key(), serviceId(site, "Registrar", instances));
            }
        }
        for (Pool p : pools) {
            if (p.role() == PoolRole.FrontEnd) {
                int version = version(p);
                String users = usersOf.get(p.fqdn().key());
                String cluster = clusterOf.get(p.fqdn().key());
                service(x, users, version, cluster, null, null);
                String backup =
                        p.backup() == null ? null : registrarOf.get(p.backup().key());
                service(
                        x,
                        registrarOf.get(p.fqdn().key()),
                        version,
                        cluster,
                        users,
                        backup,
                        "<RegistrarService xmlns=\"" + ROLES_NS + "\" IsDirector=\"false\" />");
            }
        }
        for (Pool p : pools) {
            int site = siteIds.getOrDefault(Site.key(p.site()), 0);
            String cluster = clusterOf.get(p.fqdn().key());
            int version = version(p);
            String hop =
                    p.nextHop() == null ? null : registrarOf.get(p.nextHop().key());
            switch (p.role()) {
                case Edge -> service(x, serviceId(site, "EdgeServer", instances), version, cluster, hop, null);
                case Director ->
                    service(
                            x,
                            serviceId(site, "Registrar", instances),
                            version,
                            cluster,
                            hop,
                            "<RegistrarService xmlns=\"" + ROLES_NS + "\" IsDirector=\"true\" />");
                case SurvivableBranch -> {
                    String registrar = serviceId(site, "Registrar", instances);
                    service(
                            x,
                            registrar,
                            version,
                            cluster,
                            hop,
                            "<RegistrarService xmlns=\"" + ROLES_NS + "\" IsDirector=\"false\" />");
                    service(x, serviceId(site, "MediationServer", instances), version, cluster, null, null);
                }
                case Mediation ->
                    service(x, serviceId(site, "MediationServer", instances), version, cluster, hop, null);
                case PersistentChat ->
                    service(x, serviceId(site, "PersistentChatServer", instances), version, cluster, hop, null);
                case TrustedApplication ->
                    service(x, serviceId(site, "ExternalServer", instances), version, cluster, hop, null);
                case VideoInterop ->
                    service(x, serviceId(site, "VideoInteropServer", instances), version, cluster, hop, null);
                case SqlStore -> {
                    String id = serviceId(site, "UserStore", instances);
                    x.append("    <Service RoleVersion=\"1\" ServiceVersion=\"")
                            .append(version)
                            .append("\">\r\n      ")
                            .append(id)
                            .append("\r\n      <InstalledOn>\r\n        <SqlInstanceId Name=\"\">\r\n          ")
                            .append(cluster)
                            .append("\r\n        </SqlInstanceId>\r\n      </InstalledOn>\r\n    </Service>\r\n");
                }
                case OfficeWebApps ->
                    service(x, serviceId(site, "WacService", instances), version, cluster, null, null);
                case Other -> service(x, serviceId(site, "FileStore", instances), version, cluster, null, null);
                case FrontEnd -> {
                    // written above
                }
            }
            if (p.fqdn().equals(inv.cmsPool())) {
                service(
                        x,
                        serviceId(site, "CentralMgmt", instances),
                        version,
                        cluster,
                        null,
                        "<CentralMgmtService xmlns=\"" + ROLES_NS + "\" IsActive=\"true\" />");
            }
        }
        x.append("  </Services>\r\n</Topology>\r\n");
        return x.toString();
    }

    private int version(Pool p) {
        return catalog.version(p.version()).serviceVersion();
    }

    private static String serviceId(int site, String role, Map<String, Integer> instances) {
        int n = instances.merge(site + ":" + role, 1, Integer::sum);
        return "<ServiceId SiteId=\"" + site + "\" RoleName=\"" + role + "\" Instance=\"" + n + "\" />";
    }

    private static void service(
            StringBuilder x, String id, int version, String cluster, String dependsOn, String extra) {
        service(x, id, version, cluster, dependsOn, null, extra);
    }

    /** A service; {@code backup} is the partner Registrar of a pairing, or null. */
    private static void service(
            StringBuilder x, String id, int version, String cluster, String dependsOn, String backup, String extra) {
        x.append("    <Service RoleVersion=\"1\" ServiceVersion=\"")
                .append(version)
                .append("\">\r\n      ")
                .append(id)
                .append("\r\n");
        if (dependsOn != null || backup != null) {
            x.append("      <DependsOn>\r\n");
            dependency(x, "Default", dependsOn);
            dependency(x, "Backup", backup);
            x.append("      </DependsOn>\r\n");
        }
        x.append("      <InstalledOn>\r\n        ").append(cluster).append("\r\n      </InstalledOn>\r\n");
        if (extra != null) {
            x.append("      ").append(extra).append("\r\n");
        }
        x.append("    </Service>\r\n");
    }

    private static void dependency(StringBuilder x, String usage, String on) {
        if (on != null) {
            x.append("        <Dependency Usage=\"")
                    .append(usage)
                    .append("\">\r\n          ")
                    .append(on)
                    .append("\r\n        </Dependency>\r\n");
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
