package io.cutover.folder;

import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Meeting;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.Site;
import io.cutover.inventory.User;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Equality of inventories that ignores order: an inventory folder has no order of its own (rows
 * may come in any order), so two inventories are equal when each list holds the same elements.
 * The test-account flag is cleared: the folder format has no such column, it is a lab notion.
 */
final class InventoryOrder {
    private InventoryOrder() {}

    static Inventory canonical(Inventory inv) {
        return new Inventory(
                sorted(inv.sites(), Comparator.comparingInt(Site::siteId)),
                sorted(inv.pools(), Comparator.comparing(p -> key(p.fqdn().text()))),
                inv.cmsPool(),
                sorted(
                        inv.users().stream()
                                .map(u -> new User(
                                        u.sipAddress(), u.displayName(), u.pool(), u.policies(), u.features(), false))
                                .toList(),
                        Comparator.comparing(u -> key(u.sipAddress().text()))),
                sorted(
                        inv.objects(),
                        Comparator.comparing((HomedObject o) -> o.kind().name()).thenComparing(o -> key(o.identity()))),
                sorted(
                        inv.meetings(),
                        Comparator.comparing((Meeting m) -> key(m.organizer().text()))
                                .thenComparing(Meeting::conferenceId)),
                sorted(
                        inv.clients(),
                        Comparator.comparing(
                                (ClientSignIn c) -> key(c.sipAddress().text()))),
                sorted(
                        inv.services(),
                        Comparator.comparing(
                                        (ServiceState s) -> key(s.computer().text()))
                                .thenComparing(ServiceState::name)),
                sorted(
                        inv.replicas(),
                        Comparator.comparing((Replica r) -> key(r.fqdn().text()))),
                inv.policies(),
                sorted(inv.partners(), Comparator.comparing(InventoryOrder::key)),
                sorted(
                        inv.serverVersions(),
                        Comparator.comparing(v -> key(v.computer().text()))));
    }

    private static <T> List<T> sorted(List<T> list, Comparator<? super T> order) {
        return list.stream().sorted(order).toList();
    }

    private static String key(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
