package dev.rendezvous.session.fold;

import java.time.Instant;

/**
 * One thing that happened to a session, as the fold sees it: a LiveKit participant or room event,
 * a reconciliation correction, an explicit end or an expiry.
 *
 * @param role the role the event claims, or null when it could not be read
 * @param reason LiveKit's disconnect reason, or why the session was ended
 * @param trackSid the track of a track event, else null
 * @param source what that track carries; null when LiveKit did not say
 */
public record PresenceEvent(String eventId, Kind kind, String room, String participantSid, String identity,
                            Role role, String userId, String reason, Instant occurredAt, String trackSid,
                            MediaSource source) {

    public PresenceEvent(String eventId, Kind kind, String room, String participantSid, String identity,
                         Role role, String userId, String reason, Instant occurredAt) {
        this(eventId, kind, room, participantSid, identity, role, userId, reason, occurredAt, null, null);
    }

    public enum Kind {
        JOINED, LEFT, CONNECTION_ABORTED, ROOM_STARTED, ROOM_FINISHED, TRACK_PUBLISHED, TRACK_UNPUBLISHED, TOKEN_ISSUED,
        ENDED, EXPIRED
    }

    public static PresenceEvent ended(String eventId, String reason, Instant at) {
        return new PresenceEvent(eventId, Kind.ENDED, null, null, null, null, null, reason, at);
    }

    public static PresenceEvent expired(String eventId, Instant at) {
        return new PresenceEvent(eventId, Kind.EXPIRED, null, null, null, null, null, "expired", at);
    }
}
