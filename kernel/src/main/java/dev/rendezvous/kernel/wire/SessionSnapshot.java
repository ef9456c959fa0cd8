package dev.rendezvous.kernel.wire;

import java.time.Instant;
import java.util.UUID;

/**
 * The session snapshot (ARCHITECTURE.md, "Session state"): what session-service's API returns and
 * what every {@code session-signals} record carries (contracts/schemas/session-signal.json).
 */
public record SessionSnapshot(UUID sessionId, SessionStatus status, long version, Party customer, Party mechanic,
                              boolean mediaReady, Instant readyAt, Instant endedAt, String endReason) {

    /** One role of the roster, whether it is in the room, and what it publishes there. */
    public record Party(String userId, boolean present, String identity, Instant since, Media media) {
    }

    /** The sources a role publishes. */
    public record Media(boolean camera, boolean microphone) {
    }
}
