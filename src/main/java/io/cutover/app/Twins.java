package io.cutover.app;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.assess.Assessment;
import io.cutover.assess.Assessor;
import io.cutover.catalog.ProductVersion;
import io.cutover.deployment.PoolState;
import io.cutover.folder.FolderRead;
import io.cutover.folder.FolderReader;
import io.cutover.folder.FolderWriter;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.UnansweredServer;
import io.cutover.inventory.User;
import io.cutover.lab.Lab;
import io.cutover.lab.LabSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inventory folder: {@code assess} reads it, {@code lab export} writes the lab as one, and
 * {@code lab import} makes the lab the twin of the deployment one describes.
 */
final class Twins {
    private final Context c;

    Twins(Context c) {
        this.c = c;
    }

    /** Assesses the inventory folder for a migration to {@code target}. */
    Assessment assess(Path folder, String target) {
        ProductVersion version = c.catalog().version(target);
        FolderRead read = FolderReader.read(folder, c.catalog());
        return Assessor.assess(
                read.inventory(),
                c.catalog(),
                version,
                read.unanswered(),
                read.unhomed(),
                java.time.LocalDate.ofInstant(c.clock().instant(), java.time.ZoneOffset.UTC));
    }

    /**
     * Writes the workspace's lab as an inventory folder, as the collect script would from a real
     * deployment: the servers of pools that are not up (not deployed, decommissioned or down) do
     * not answer, so their services are recorded as unanswered rather than listed.
     */
    Results.LabExportResult export(Path dir) {
        try (Lab lab = c.openLab()) {
            Inventory inv = lab.snapshot();
            Set<Fqdn> silent = new HashSet<>();
            List<UnansweredServer> unanswered = new ArrayList<>();
            for (Pool p : inv.pools()) {
                if (lab.poolState(p.fqdn()) != PoolState.Up) {
                    silent.add(p.fqdn());
                    for (Fqdn server : p.servers()) {
                        unanswered.add(new UnansweredServer(
                                server.text(),
                                "Get-CsWindowsService",
                                "pool " + p.fqdn() + " is " + lab.poolState(p.fqdn())));
                    }
                }
            }
            List<ServiceState> services = inv.services().stream()
                    .filter(s -> s.pool() == null || !silent.contains(s.pool()))
                    .toList();
            Inventory exported = new Inventory(
                    inv.sites(),
                    inv.pools(),
                    inv.cmsPool(),
                    inv.users(),
                    inv.objects(),
                    inv.meetings(),
                    inv.clients(),
                    services,
                    inv.replicas(),
                    inv.policies(),
                    inv.partners(),
                    inv.serverVersions());
            new FolderWriter(c.catalog()).write(dir, exported, unanswered);
            return new Results.LabExportResult(
                    dir.toString(),
                    exported.sites().size(),
                    exported.pools().size(),
                    exported.users().size(),
                    exported.objects().size(),
                    unanswered.size());
        }
    }

    /** Creates the workspace's lab as the twin of the deployment an inventory folder describes. */
    LabSummary importFolder(Path folder) {
        FolderRead read = readTwinnable(folder);
        try (Lab lab = Lab.createTwin(
                c.workspace().lab(), read.inventory(), read.servicesCollected(), folder.toString(), c.clock())) {
            return lab.summary();
        }
    }

    /**
     * Reads a folder for a twin. A lab cannot hold what a real deployment can only be wrong about
     * (a user on a pool the topology lacks, one SIP address twice), so those are refused here with
     * the assessment's words, where {@code assess} reports them as findings.
     */
    FolderRead readTwinnable(Path folder) {
        FolderRead read = FolderReader.read(folder, c.catalog());
        Inventory inv = read.inventory();
        Set<Fqdn> pools = new HashSet<>();
        inv.pools().forEach(p -> pools.add(p.fqdn()));
        Set<SipAddress> sips = new HashSet<>();
        for (User u : inv.users()) {
            if (!sips.add(u.sipAddress())) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        folder.resolve("users.csv") + ": " + u.sipAddress()
                                + " is listed twice (SIP addresses compare case-insensitively); a twin needs each user once");
            }
            if (!pools.contains(u.pool())) {
                throw new CutoverException(
                        ErrorCode.UNKNOWN_POOL,
                        folder.resolve("users.csv") + ": " + u.sipAddress() + " is homed on pool '" + u.pool()
                                + "', which topology.xml lacks; run `cutover assess " + folder
                                + "` for every such reference");
            }
        }
        for (HomedObject o : inv.objects()) {
            if (!pools.contains(o.pool())) {
                throw new CutoverException(
                        ErrorCode.UNKNOWN_POOL,
                        folder.resolve("objects.csv") + ": " + o.kind() + " " + o.identity() + " is homed on pool '"
                                + o.pool() + "', which topology.xml lacks; run `cutover assess " + folder + "`");
            }
        }
        return read;
    }
}
