package dev.rendezvous.presence.mapping;

import dev.rendezvous.presence.ParticipantEvent;
import dev.rendezvous.presence.ParticipantEvent.Problem;
import livekit.LivekitModels;
import livekit.LivekitWebhook.WebhookEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Normalises a LiveKit webhook into a participant event; empty for event types we do not publish. */
public final class WebhookEventMapper {

    private static final Map<String, String> TYPES = Map.of(
            "participant_joined", "rendezvous.participant.joined",
            "participant_left", "rendezvous.participant.left",
            "participant_connection_aborted", "rendezvous.participant.connection-aborted",
            "room_started", "rendezvous.room.started",
            "room_finished", "rendezvous.room.finished",
            "track_published", "rendezvous.track.published",
            "track_unpublished", "rendezvous.track.unpublished");

    private WebhookEventMapper() {
    }

    public static Optional<ParticipantEvent> map(WebhookEvent event, Instant receivedAt) {
        String type = TYPES.get(event.getEvent());
        if (type == null) {
            return Optional.empty();
        }
        String room = event.hasRoom() ? event.getRoom().getName() : null;
        Names.Room roomReading = Names.room(room);
        List<Problem> problems = new ArrayList<>(roomReading.problems());

        String identity = null;
        String sid = null;
        String role = null;
        String roleSource = null;
        String userId = null;
        String disconnectReason = null;
        if (event.hasParticipant()) {
            LivekitModels.ParticipantInfo p = event.getParticipant();
            identity = p.getIdentity();
            sid = p.getSid();
            ParticipantRole.Reading reading = ParticipantRole.read(identity, p.getMetadata(), p.getAttributesMap());
            role = reading.role();
            roleSource = reading.source();
            userId = reading.userId();
            problems.addAll(reading.problems());
            if (reading.sessionId() != null && roomReading.sessionId() != null
                    && !reading.sessionId().equalsIgnoreCase(roomReading.sessionId())) {
                problems.add(new Problem("session-id-mismatch", "participant metadata names session "
                        + reading.sessionId() + " but the room is " + room));
            }
            if (p.getDisconnectReason() != LivekitModels.DisconnectReason.UNKNOWN_REASON
                    && p.getDisconnectReason() != LivekitModels.DisconnectReason.UNRECOGNIZED) {
                disconnectReason = p.getDisconnectReason().name();
            }
        }
        String trackSid = event.hasTrack() ? event.getTrack().getSid() : null;
        String trackSource = event.hasTrack() ? event.getTrack().getSource().name() : null;
        Instant createdAt = event.getCreatedAt() > 0 ? Instant.ofEpochSecond(event.getCreatedAt()) : null;
        return Optional.of(new ParticipantEvent(event.getId(), type, roomReading.sessionId(), room, identity, sid, role,
                roleSource, userId, disconnectReason, trackSid, trackSource, createdAt, receivedAt, List.copyOf(problems)));
    }
}
