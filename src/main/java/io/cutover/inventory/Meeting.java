package io.cutover.inventory;

import java.time.Instant;

/** A scheduled meeting; it lives on its organizer's pool and moves with the organizer. */
public record Meeting(String organizer, String conferenceId, String pool, Instant createdUtc, String clientVersion) {
    public Meeting withPool(String newPool) {
        return new Meeting(organizer, conferenceId, newPool, createdUtc, clientVersion);
    }
}
