package io.cutover.assess;

import io.cutover.assess.Assessment.Finding;
import io.cutover.assess.Assessment.FindingCode;
import io.cutover.assess.Assessment.PoolReport;
import io.cutover.assess.Assessment.RetainedUser;
import io.cutover.assess.Assessment.Severity;
import io.cutover.catalog.Catalog;
import io.cutover.catalog.ProductVersion;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.UnansweredServer;
import io.cutover.inventory.User;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The assessment of one deployment, assembled: the survey indexed, every concern's findings added
 * in a fixed order and sorted, then the pool reports, the retained users and the summary.
 */
final class AssessmentDocument extends Survey {
    private final List<UnansweredServer> unanswered;
    private final List<User> unhomed;
    private final LocalDate today;
    private final boolean topologyPublished;

    AssessmentDocument(
            Inventory inv,
            Catalog catalog,
            ProductVersion target,
            List<UnansweredServer> unanswered,
            List<User> unhomed,
            LocalDate today,
            boolean topologyPublished) {
        super(inv, catalog, target);
        this.topologyPublished = topologyPublished;
        this.unanswered = unanswered;
        this.unhomed = unhomed;
        this.today = today;
    }

    Assessment run() {
        for (Site s : inv.sites()) {
            siteNames.put(Site.key(s.name()), s.name());
        }
        for (Pool p : inv.pools()) {
            pools.put(p.fqdn(), p);
            versions.put(p.fqdn(), catalog.version(p.version()));
        }
        countUsers();
        countObjects();
        VersionFindings paths = new VersionFindings(this);
        UserFindings homed = new UserFindings(this);
        ServerFindings servers = new ServerFindings(this);
        paths.paths();
        paths.coexistence();
        paths.sites();
        BuildFindings builds = new BuildFindings(this);
        builds.support(today);
        builds.identification();
        builds.paths();
        builds.minimumBuilds();
        homed.retained();
        homed.clients();
        servers.cms();
        new FederationFindings(this).federation();
        new DependencyFindings(this).dependencies();
        servers.services();
        servers.replicas();
        homed.capacity();
        homed.policies();
        unknownPools();
        servers.unanswered(unanswered);
        if (!topologyPublished) {
            findings.add(new Finding(
                    Severity.WARNING,
                    FindingCode.TOPOLOGY_NOT_PUBLISHED,
                    "topology.xml",
                    "topology.xml is a Topology Builder file that was never published (IsPublished=\"false\"):"
                            + " the pools it describes may not exist; publish it, then collect"
                            + " (Get-CsTopology -AsXml) and assess again"));
        }
        findings.sort(Comparator.comparing(Finding::severity)
                .thenComparing(f -> f.code().json())
                .thenComparing(f -> SipAddress.key(f.subject()))
                .thenComparing(Finding::message));
        List<PoolReport> reports = new PoolBlockers(this).reports();
        List<RetainedUser> retained = new ArrayList<>();
        retainedOn.values().forEach(retained::addAll);
        boolean ready = findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
        int objects = inv.objects().size();
        return new Assessment(
                target.name(),
                ready,
                new Assessment.Summary(
                        inv.sites().size(),
                        inv.pools().size(),
                        users.size(),
                        objects,
                        (int) unhomed.stream().filter(User::online).count(),
                        (int) unhomed.stream().filter(u -> !u.online()).count(),
                        (int) users.values().stream().filter(User::disabled).count()),
                reports,
                retained,
                findings);
    }
}
