package dev.rendezvous.presence.mapping;

import dev.rendezvous.kernel.Problem;
import dev.rendezvous.kernel.ParticipantKind;
import dev.rendezvous.kernel.RoleReading;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.kernel.wire.ParticipantEvent;
import dev.rendezvous.kernel.wire.ParticipantEventType;
import livekit.LivekitModels;
import livekit.LivekitWebhook.WebhookEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Normalises a LiveKit webhook into a participant event; empty for event types we do not publish. */
public final class WebhookEventMapper {

    private WebhookEventMapper() {
    }

    public static Optional<ParticipantEvent> map(WebhookEvent event, Instant receivedAt) {
        Optional<ParticipantEventType> type = ParticipantEventType.ofWebhook(event.getEvent());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        String room = event.hasRoom() ? event.getRoom().getName() : null;
        RoomName.Reading roomReading = RoomName.read(room);
        String sessionId = roomReading.sessionId() == null ? null : roomReading.sessionId().toString();
        List<Problem> problems = new ArrayList<>(roomReading.problems());

        String identity = null;
        String sid = null;
        String role = null;
        String roleSource = null;
        String userId = null;
        String disconnectReason = null;
        String kind = null;
        if (event.hasParticipant()) {
            LivekitModels.ParticipantInfo p = event.getParticipant();
            identity = p.getIdentity();
            sid = p.getSid();
            kind = kindOf(p).name();
            RoleReading reading = RoleReading.of(identity, p.getMetadata(), p.getAttributesMap());
            role = reading.role() == null ? ParticipantEvent.UNKNOWN_ROLE : reading.role().wire();
            roleSource = reading.source();
            userId = reading.userId();
            if (kindOf(p).isPerson()) {
                // An agent or a recorder has no role to read: its identity and metadata are not a page's mistakes.
                problems.addAll(reading.problems());
            }
            if (reading.sessionId() != null && sessionId != null && !reading.sessionId().equalsIgnoreCase(sessionId)) {
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
        return Optional.of(new ParticipantEvent(event.getId(), type.get().type(), sessionId, room, identity, sid, role,
                roleSource, userId, disconnectReason, trackSid, trackSource, createdAt, receivedAt, List.copyOf(problems), kind));
    }

    /** LiveKit's kind of the participant; one this SDK does not know yet (UNRECOGNIZED) is OTHER, never STANDARD. */
    static ParticipantKind kindOf(LivekitModels.ParticipantInfo participant) {
        return ParticipantKind.fromWire(participant.getKind().name());
    }
}
