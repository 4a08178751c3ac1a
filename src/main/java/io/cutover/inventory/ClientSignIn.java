package io.cutover.inventory;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The client a user signs in with, e.g. "Skype for Business 2016 (16.0.4849.1000)". */
public record ClientSignIn(SipAddress sipAddress, String clientVersion, Instant lastSignInUtc) {
    /**
     * Each user's last client: of several rows for one user, the one with the latest sign-in (a row
     * without a time counts as the oldest; of equal times, the first listed).
     */
    public static Map<SipAddress, ClientSignIn> latest(List<ClientSignIn> rows) {
        Map<SipAddress, ClientSignIn> last = new HashMap<>();
        for (ClientSignIn c : rows) {
            last.merge(c.sipAddress(), c, (a, b) -> b.after(a) ? b : a);
        }
        return last;
    }

    private boolean after(ClientSignIn other) {
        return lastSignInUtc != null && (other.lastSignInUtc == null || lastSignInUtc.isAfter(other.lastSignInUtc));
    }
}
