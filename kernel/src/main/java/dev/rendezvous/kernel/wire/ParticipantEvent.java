package dev.rendezvous.kernel.wire;

import dev.rendezvous.kernel.Problem;

import java.time.Instant;
import java.util.List;

/**
 * A record of {@code participant-events} (contracts/schemas/participant-event.json): one LiveKit webhook,
 * normalised by presence-service. session-service reads it back.
 *
 * @param eventId LiveKit's webhook event id; also the CloudEvents id
 * @param type the CloudEvents type, one of {@link ParticipantEventType}
 * @param sessionId the session id read from the room name, or null
 * @param role {@code customer}, {@code mechanic} or {@code unknown}; null for room events
 * @param roleSource where the role was read: {@code metadata}, {@code attributes}, {@code identity} or {@code none}
 * @param createdAt when LiveKit says the event happened
 * @param receivedAt when presence-service received the webhook
 * @param problems what looks wrong (room name, identity, role metadata), for diagnosis
 * @param kind what LiveKit says the participant is (STANDARD, AGENT, EGRESS, …); null for room events and
 *             in records written before it existed (read as STANDARD)
 */
public record ParticipantEvent(String eventId, String type, String sessionId, String room, String identity,
                               String participantSid, String role, String roleSource, String userId,
                               String disconnectReason, String trackSid, String trackSource,
                               Instant createdAt, Instant receivedAt, List<Problem> problems, String kind) {

    /** A record of a participant LiveKit gives no kind for (a person's page), or of a room. */
    public ParticipantEvent(String eventId, String type, String sessionId, String room, String identity,
                            String participantSid, String role, String roleSource, String userId,
                            String disconnectReason, String trackSid, String trackSource,
                            Instant createdAt, Instant receivedAt, List<Problem> problems) {
        this(eventId, type, sessionId, room, identity, participantSid, role, roleSource, userId, disconnectReason, trackSid,
                trackSource, createdAt, receivedAt, problems, null);
    }

    /** What a role that could not be read is written as. */
    public static final String UNKNOWN_ROLE = "unknown";

    /** The Kafka key: the session id, or the room name where none could be read. */
    public String key() {
        return sessionId != null ? sessionId : room == null || room.isEmpty() ? "unknown" : room;
    }
}
