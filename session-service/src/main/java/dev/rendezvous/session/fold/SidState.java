package dev.rendezvous.session.fold;

import dev.rendezvous.kernel.Identity;
import dev.rendezvous.kernel.ParticipantKind;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.Sid;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One LiveKit participant sid of a session: active from its join until its leave, never again after.
 * A sid seen only through a track event is pending: its tracks wait for its join.
 *
 * @param tracks by track sid, published or unpublished
 */
public record SidState(Sid sid, Role role, Identity identity, String userId, boolean active,
                       Instant joinedAt, Instant leftAt, String leftReason, Map<String, Track> tracks, ParticipantKind kind) {

    public SidState {
        tracks = Map.copyOf(tracks);
        kind = kind == null ? ParticipantKind.STANDARD : kind;
    }

    /** A person's page (LiveKit's kind STANDARD). */
    public SidState(Sid sid, Role role, Identity identity, String userId, boolean active,
                    Instant joinedAt, Instant leftAt, String leftReason, Map<String, Track> tracks) {
        this(sid, role, identity, userId, active, joinedAt, leftAt, leftReason, tracks, ParticipantKind.STANDARD);
    }

    /** A sid first seen through a join, a leave or a track event of this participant. */
    static SidState of(SessionEvent.Participant who) {
        return new SidState(who.sid(), who.role(), who.identity(), who.userId(), false, null, null, null, Map.of(),
                who.participantKind());
    }

    /** Whether this sid can count for its role: a person's page, not an agent or a recorder that claims the role. */
    public boolean isPerson() {
        return kind.isPerson();
    }

    /** Whether this sid is, right now, the member's person's page. */
    public boolean activeFor(Member member) {
        return active && isPerson() && isOf(member);
    }

    /** Whether this sid claims to be the member: their role and their user id. */
    public boolean isOf(Member member) {
        return member.is(userId, role);
    }

    /** Seen through a track event only: neither joined nor left yet. */
    public boolean isPending() {
        return !active && joinedAt == null && leftAt == null;
    }

    public boolean hasLeft() {
        return leftAt != null;
    }

    SidState leave(Instant at, String reason) {
        return new SidState(sid, role, identity, userId, false, joinedAt, at, reason, tracks, kind);
    }

    SidState join(Instant at) {
        return new SidState(sid, role, identity, userId, true, at, null, null, tracks, kind);
    }

    SidState withTrack(String trackSid, Track track) {
        Map<String, Track> next = new HashMap<>(tracks);
        next.put(trackSid, track);
        return new SidState(sid, role, identity, userId, active, joinedAt, leftAt, leftReason, next, kind);
    }
}
