package dev.rendezvous.session.fold;

import java.time.Instant;

/** One LiveKit participant sid of a session: active from its join until its leave, never again after. */
public record ParticipantSid(String sid, Role role, String identity, String userId, boolean active,
                             Instant joinedAt, Instant leftAt, String leftReason) {

    ParticipantSid leave(Instant at, String reason) {
        return new ParticipantSid(sid, role, identity, userId, false, joinedAt, at, reason);
    }
}
