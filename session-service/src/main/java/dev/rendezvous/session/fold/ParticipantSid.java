package dev.rendezvous.session.fold;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One LiveKit participant sid of a session: active from its join until its leave, never again after.
 * A sid seen only through a track event is pending: its tracks wait for its join.
 *
 * @param tracks by track sid, published or unpublished
 */
public record ParticipantSid(String sid, Role role, String identity, String userId, boolean active,
                             Instant joinedAt, Instant leftAt, String leftReason, Map<String, Track> tracks) {

    public ParticipantSid {
        tracks = Map.copyOf(tracks);
    }

    public ParticipantSid(String sid, Role role, String identity, String userId, boolean active,
                          Instant joinedAt, Instant leftAt, String leftReason) {
        this(sid, role, identity, userId, active, joinedAt, leftAt, leftReason, Map.of());
    }

    /** Seen through a track event only: neither joined nor left yet. */
    public boolean isPending() {
        return !active && joinedAt == null && leftAt == null;
    }

    public boolean hasLeft() {
        return leftAt != null;
    }

    ParticipantSid leave(Instant at, String reason) {
        return new ParticipantSid(sid, role, identity, userId, false, joinedAt, at, reason, tracks);
    }

    ParticipantSid join(Instant at) {
        return new ParticipantSid(sid, role, identity, userId, true, at, null, null, tracks);
    }

    ParticipantSid withTrack(String trackSid, Track track) {
        Map<String, Track> next = new HashMap<>(tracks);
        next.put(trackSid, track);
        return new ParticipantSid(sid, role, identity, userId, active, joinedAt, leftAt, leftReason, next);
    }
}
