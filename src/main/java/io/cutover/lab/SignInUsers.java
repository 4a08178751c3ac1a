package io.cutover.lab;

import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The users clients may sign in as: enabled accounts, a few per pool, test accounts first. */
final class SignInUsers {
    private SignInUsers() {}

    /** Up to {@code perPool} enabled users homed on each pool of {@code now}, test accounts first. */
    static List<User> byPool(Inventory now, int perPool) {
        Map<Fqdn, List<User>> by = new LinkedHashMap<>();
        List<User> all = new ArrayList<>(now.users());
        all.sort(Comparator.comparing((User u) -> !u.test()));
        for (User u : all) {
            if (u.disabled()) {
                // A disabled account cannot sign in, here as on a real pool.
                continue;
            }
            List<User> list = by.computeIfAbsent(u.pool(), k -> new ArrayList<>());
            if (list.size() < perPool) {
                list.add(u);
            }
        }
        return by.values().stream().flatMap(List::stream).toList();
    }
}
