package dev.rendezvous.kernel.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rendezvous.kernel.Role;

import java.time.Instant;
import java.util.UUID;

/**
 * The session snapshot (docs/architecture.md, "Session state"): what session-service's API returns and
 * what every {@code session-signals} record carries (contracts/schemas/session-signal.json).
 */
public record SessionSnapshot(UUID sessionId, SessionStatus status, long version, Party customer, Party mechanic,
                              boolean mediaReady, Waiting waiting, Instant readyAt, Instant endedAt, String endReason) {

    /** One role of the roster, whether it is in the room, and what it publishes there. */
    public record Party(String userId, boolean present, String identity, Instant since, Media media) {
    }

    /** The sources a role publishes. */
    public record Media(boolean camera, boolean microphone) {
    }

    /**
     * Exactly one role present, waiting for the other (null otherwise); once a session ended on time
     * before the two met, the one who never came.
     *
     * @param forRole the absent role, written {@code for}
     * @param since when the present role started waiting
     * @param overdue it has waited longer than WAIT_OVERDUE_AFTER
     */
    public record Waiting(@JsonProperty("for") Role forRole, Instant since, boolean overdue) {
    }
}
