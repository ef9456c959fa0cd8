package dev.rendezvous.session;

import java.time.Instant;
import java.util.UUID;

/** The session snapshot: what the API returns and what every signal carries (ARCHITECTURE.md). */
public record SessionView(UUID sessionId, SessionStatus status, long version, Party customer, Party mechanic,
                          boolean mediaReady, Instant readyAt, Instant endedAt, String endReason) {

    /** A READY snapshot, for the OpenAPI document. */
    public static final String EXAMPLE = """
            {"sessionId": "3f0a7c52-6b1e-4d8f-9a27-5c4e1d2b8f60", "status": "READY", "version": 3,
             "customer": {"userId": "c-1", "present": true, "identity": "customer-c-1", "since": "2026-11-27T08:10:52Z",
                          "media": {"camera": true, "microphone": true}},
             "mechanic": {"userId": "m-1", "present": true, "identity": "mechanic-m-1", "since": "2026-11-27T08:10:53Z",
                          "media": {"camera": false, "microphone": true}},
             "mediaReady": false, "readyAt": "2026-11-27T08:10:53Z", "endedAt": null, "endReason": null}""";

    /** One role of the roster, whether it is in the room, and what it publishes there. */
    public record Party(String userId, boolean present, String identity, Instant since, Media media) {
    }

    /** The sources a role publishes. */
    public record Media(boolean camera, boolean microphone) {
    }
}
