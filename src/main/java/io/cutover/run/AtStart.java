package io.cutover.run;

import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.SipAddress;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What the deployment looked like when a pass of the run started, as the moves consult it: where
 * every subject was homed ({@link Homes#key}), to spot moves made outside the plan, and the client
 * each user signed in with, for rollback to spot upgrades. Read once per pass and shared by every
 * unit of work: built per unit, it cost a walk over every user of the deployment each time.
 */
record AtStart(Map<String, Fqdn> homes, Map<SipAddress, String> clients) {
    AtStart {
        homes = Collections.unmodifiableMap(new HashMap<>(homes));
        clients = Collections.unmodifiableMap(new HashMap<>(clients));
    }

    static AtStart of(Inventory start) {
        Map<SipAddress, String> clients = new HashMap<>();
        for (ClientSignIn c : start.clients()) {
            clients.put(c.sipAddress(), c.clientVersion());
        }
        return new AtStart(Homes.of(start), clients);
    }
}
