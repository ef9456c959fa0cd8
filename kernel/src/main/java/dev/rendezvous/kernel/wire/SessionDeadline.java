package dev.rendezvous.kernel.wire;

import java.time.Instant;

/**
 * A record session-service writes to {@code participant-events} (contracts/schemas/session-deadline.json):
 * a deadline of a session may have passed at {@code at}. On the session's partition it is folded after
 * every event recorded before it, so an end on time can never overtake a join already on its way.
 *
 * @param roomEmpty LiveKit listed nobody in the session's room when it was written
 */
public record SessionDeadline(String eventId, String type, String sessionId, Instant at, boolean roomEmpty) {

    public static final String TYPE = "rendezvous.session.deadline";
}
