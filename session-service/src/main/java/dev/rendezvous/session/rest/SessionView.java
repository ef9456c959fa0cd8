package dev.rendezvous.session.rest;

import dev.rendezvous.session.SessionStatus;

import java.time.Instant;
import java.util.UUID;

/** The session snapshot: what the API returns and what every signal carries (ARCHITECTURE.md). */
public record SessionView(UUID sessionId, SessionStatus status, long version, Party customer, Party mechanic,
                          Instant readyAt, Instant endedAt, String endReason) {

    /** One role of the roster and whether it is in the room. */
    public record Party(String userId, boolean present, String identity, Instant since) {
    }
}
