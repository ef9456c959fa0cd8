package dev.rendezvous.session.messaging;

import dev.rendezvous.session.fold.MediaSource;
import dev.rendezvous.session.fold.PresenceEvent;
import dev.rendezvous.session.fold.Role;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A record of {@code participant-events}, as presence-service writes it (the fields this service reads). */
public record ParticipantEvent(String eventId, String type, String sessionId, String room, String identity,
                               String participantSid, String role, String roleSource, String userId,
                               String disconnectReason, String trackSid, String trackSource, Instant createdAt, Instant receivedAt,
                               List<Map<String, String>> problems) {

    private static final Map<String, PresenceEvent.Kind> KINDS = Map.of(
            "rendezvous.participant.joined", PresenceEvent.Kind.JOINED,
            "rendezvous.participant.left", PresenceEvent.Kind.LEFT,
            "rendezvous.participant.connection-aborted", PresenceEvent.Kind.CONNECTION_ABORTED,
            "rendezvous.room.started", PresenceEvent.Kind.ROOM_STARTED,
            "rendezvous.room.finished", PresenceEvent.Kind.ROOM_FINISHED,
            "rendezvous.track.published", PresenceEvent.Kind.TRACK_PUBLISHED,
            "rendezvous.track.unpublished", PresenceEvent.Kind.TRACK_UNPUBLISHED);

    /** The event as the fold reads it; null for a type this service does not know. */
    public PresenceEvent toPresenceEvent() {
        PresenceEvent.Kind kind = KINDS.get(type);
        if (kind == null) {
            return null;
        }
        Instant at = createdAt != null ? createdAt : receivedAt != null ? receivedAt : Instant.now();
        Role parsedRole = Role.fromWire(role).orElse(null);
        return new PresenceEvent(eventId, kind, room, participantSid, identity, parsedRole, userId, disconnectReason, at,
                trackSid, MediaSource.fromLiveKit(trackSource).orElse(null));
    }
}
