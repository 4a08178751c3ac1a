package io.cutover.folder;

import io.cutover.inventory.Inventory;
import io.cutover.inventory.UnansweredServer;
import io.cutover.inventory.User;
import java.util.List;

/**
 * An inventory folder as read.
 *
 * @param unanswered servers the collection could not reach (unanswered.csv), recorded and skipped
 * @param servicesCollected whether the folder has services.csv at all: without it nothing is known
 *     about services, which is not the same as a pool with no running service
 * @param unhomed users.csv's users homed on no on-premises pool (an empty RegistrarPool: online in a
 *     hybrid deployment, or never assigned one), in file order; not in the inventory, so nothing
 *     plans, moves or probes them, and the assessment counts them
 * @param topologyPublished false when topology.xml is a Topology Builder file that was never
 *     published: what it describes may not be deployed at all
 */
public record FolderRead(
        Inventory inventory,
        List<UnansweredServer> unanswered,
        boolean servicesCollected,
        List<User> unhomed,
        boolean topologyPublished) {
    public FolderRead {
        unanswered = List.copyOf(unanswered);
        unhomed = List.copyOf(unhomed);
    }

    /** A folder whose topology was published, as {@code Get-CsTopology -AsXml} writes it. */
    public FolderRead(
            Inventory inventory, List<UnansweredServer> unanswered, boolean servicesCollected, List<User> unhomed) {
        this(inventory, unanswered, servicesCollected, unhomed, true);
    }
}
