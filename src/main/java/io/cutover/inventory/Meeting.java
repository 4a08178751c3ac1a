package io.cutover.inventory;

import java.time.Instant;

/** A scheduled meeting; it lives on its organizer's pool and moves with the organizer. */
public record Meeting(SipAddress organizer, String conferenceId, Fqdn pool, Instant createdUtc, String clientVersion) {
    public Meeting withPool(Fqdn newPool) {
        return new Meeting(organizer, conferenceId, newPool, createdUtc, clientVersion);
    }
}
