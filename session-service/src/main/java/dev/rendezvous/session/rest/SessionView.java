package dev.rendezvous.session.rest;

import dev.rendezvous.session.SessionStatus;

import java.time.Instant;
import java.util.UUID;

/** The session snapshot: what the API returns and what every signal carries (ARCHITECTURE.md). */
public record SessionView(UUID sessionId, SessionStatus status, long version, Party customer, Party mechanic,
                          boolean mediaReady, Instant readyAt, Instant endedAt, String endReason) {

    /** One role of the roster, whether it is in the room, and what it publishes there. */
    public record Party(String userId, boolean present, String identity, Instant since, Media media) {
    }

    /** The sources a role publishes. */
    public record Media(boolean camera, boolean microphone) {
    }
}
