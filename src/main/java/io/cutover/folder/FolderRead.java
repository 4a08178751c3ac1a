package io.cutover.folder;

import io.cutover.inventory.Inventory;
import io.cutover.inventory.UnansweredServer;
import java.util.List;

/**
 * An inventory folder as read.
 *
 * @param unanswered servers the collection could not reach (unanswered.csv), recorded and skipped
 * @param servicesCollected whether the folder has services.csv at all: without it nothing is known
 *     about services, which is not the same as a pool with no running service
 */
public record FolderRead(Inventory inventory, List<UnansweredServer> unanswered, boolean servicesCollected) {
    public FolderRead {
        unanswered = List.copyOf(unanswered);
    }
}
