package io.cutover.run;

import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.SipAddress;
import java.util.HashMap;
import java.util.Map;

/** Where every subject of a snapshot is homed, by {@link #key(Subject)}. */
final class Homes {
    private Homes() {}

    static Map<String, Fqdn> of(Inventory inventory) {
        Map<String, Fqdn> homes = new HashMap<>();
        inventory.users().forEach(u -> homes.put(key(Subject.user(u.sipAddress())), u.pool()));
        inventory.objects().forEach(o -> homes.put(key(new Subject(o.kind(), o.identity())), o.pool()));
        if (inventory.cmsPool() != null) {
            homes.put(key(Subject.cms()), inventory.cmsPool());
        }
        return homes;
    }

    /** A subject's key: users by their normalised SIP address, other subjects as they are named. */
    static String key(Subject s) {
        return s.kind() == HomedKind.User
                ? new Subject(HomedKind.User, SipAddress.key(s.id())).toString()
                : s.toString();
    }
}
