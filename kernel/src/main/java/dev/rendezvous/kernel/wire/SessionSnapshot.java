package dev.rendezvous.kernel.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rendezvous.kernel.Role;

import java.time.Instant;
import java.util.UUID;

/**
 * The session snapshot (docs/architecture.md, "Session state"): what session-service's API returns and
 * what every {@code session-signals} record carries (contracts/schemas/session-signal.json).
 *
 * @param mediaReady READY, and each role publishes the sources that count
 * @param seenAndHeard mediaReady, and each role's page plays the other's video and audio
 */
public record SessionSnapshot(UUID sessionId, SessionStatus status, long version, Party customer, Party mechanic,
                              boolean mediaReady, boolean seenAndHeard, Waiting waiting, Instant readyAt, Instant endedAt,
                              String endReason) {

    /**
     * One role of the roster, whether it is in the room, what it publishes there, and what its page plays
     * of the other role.
     */
    public record Party(String userId, boolean present, String identity, Instant since, Media media, Receives receives) {
    }

    /** The sources a role publishes. */
    public record Media(boolean camera, boolean microphone) {
    }

    /**
     * What a role's page plays of the other role, as the page reported it: {@code video} the other's
     * camera renders (frames decode), {@code audio} the other's microphone plays. Both false until the
     * page reports, and again whenever either role leaves.
     */
    public record Receives(boolean video, boolean audio) {
        public static final Receives NOTHING = new Receives(false, false);

        public boolean both() {
            return video && audio;
        }
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
