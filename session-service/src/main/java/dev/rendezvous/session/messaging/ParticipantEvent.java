package dev.rendezvous.session.messaging;

import dev.rendezvous.session.fold.MediaSource;
import dev.rendezvous.session.fold.PresenceEvent;
import dev.rendezvous.session.fold.Role;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A record of {@code participant-events}, as presence-service writes it (the fields this service reads). */
public record ParticipantEvent(String eventId, String type, String sessionId, String room, String identity,
                               String participantSid, String role, String roleSource, String userId,
                               String disconnectReason, String trackSid, String trackSource, Instant createdAt, Instant receivedAt,
                               List<Map<String, String>> problems) {

    /** The kinds presence-service reports (ARCHITECTURE.md, participant-events). */
    private static final Set<PresenceEvent.Kind> WEBHOOK_KINDS = EnumSet.of(PresenceEvent.Kind.JOINED,
            PresenceEvent.Kind.LEFT, PresenceEvent.Kind.CONNECTION_ABORTED, PresenceEvent.Kind.ROOM_STARTED,
            PresenceEvent.Kind.ROOM_FINISHED, PresenceEvent.Kind.TRACK_PUBLISHED, PresenceEvent.Kind.TRACK_UNPUBLISHED);

    /** The event as the fold reads it; null for a type this service does not know. */
    public PresenceEvent toPresenceEvent() {
        PresenceEvent.Kind kind = PresenceEvent.Kind.ofType(type).filter(WEBHOOK_KINDS::contains).orElse(null);
        if (kind == null) {
            return null;
        }
        Instant at = createdAt != null ? createdAt : receivedAt != null ? receivedAt : Instant.now();
        List<String> codes = problems == null ? List.of() : problems.stream().map(p -> p == null ? null : p.get("code"))
                .filter(Objects::nonNull).toList();
        return new PresenceEvent(eventId, kind, PresenceEvent.Origin.WEBHOOK, room, participantSid, identity,
                Role.fromWire(role).orElse(null), roleSource, userId, codes, disconnectReason, at, trackSid,
                MediaSource.fromLiveKit(trackSource).orElse(null), null);
    }
}
