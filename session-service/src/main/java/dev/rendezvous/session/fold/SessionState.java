package dev.rendezvous.session.fold;

import dev.rendezvous.kernel.ParticipantKind;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.kernel.Sid;
import dev.rendezvous.kernel.wire.SessionStatus;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything the fold needs to know about one session; immutable.
 *
 * @param members the roster in its order (one member of each required role, then any supervisors), each
 *                with their presence and their page's last reception report
 * @param createdAt when the session was created: the no-show deadline counts from here
 * @param mediaReady READY, and each required role publishes the sources that count
 * @param readyAt when the session last became READY; null while not READY
 * @param metAt when it first became READY: the required roles met
 * @param waiting the absent required role, while another is present (and, once ended on time before they
 *                met, the one who never came)
 * @param emptySince since when no member is present (the creation, or the last leave); null while one is
 * @param sids every participant sid seen in the session's room, active or gone
 */
public record SessionState(UUID sessionId, List<Member> members, Instant createdAt, SessionStatus status, long version,
                           boolean mediaReady, Instant readyAt, Instant metAt, Waiting waiting, Instant emptySince,
                           Instant endedAt, EndReason endReason, Map<Sid, SidState> sids) {

    public SessionState {
        members = List.copyOf(members);
        sids = Map.copyOf(sids);
        for (Role role : Role.REQUIRED) {
            if (members.stream().filter(m -> m.role() == role).count() != 1) {
                throw new IllegalArgumentException("a roster has exactly one " + role.wire() + ": " + members);
            }
        }
    }

    /** A session just created: version 1, WAITING, nobody there yet. */
    public static SessionState created(UUID sessionId, List<Member> roster, Instant createdAt) {
        return new SessionState(sessionId, roster, createdAt, SessionStatus.WAITING, 1, false, null, null, null, createdAt,
                null, null, Map.of());
    }

    /** A session of a customer and a mechanic, just created. */
    public static SessionState created(UUID sessionId, String customerId, String mechanicId, Instant createdAt) {
        return created(sessionId, List.of(Member.invited(customerId, Role.CUSTOMER), Member.invited(mechanicId, Role.MECHANIC)),
                createdAt);
    }

    /** The one member of a required role. */
    public Member member(Role required) {
        return members.stream().filter(m -> m.role() == required).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no single member for role " + required.wire()));
    }

    public boolean isMember(String userId, Role role) {
        return userId != null && role != null && members.stream().anyMatch(m -> m.is(userId, role));
    }

    public String userIdOf(Role required) {
        return member(required).userId();
    }

    public RolePresence presenceOf(Role required) {
        return member(required).presence();
    }

    public RolePresence customer() {
        return presenceOf(Role.CUSTOMER);
    }

    public RolePresence mechanic() {
        return presenceOf(Role.MECHANIC);
    }

    public RoomName room() {
        return RoomName.of(sessionId);
    }

    /** Every required role has its member present. */
    public boolean requiredPresent() {
        return Role.REQUIRED.stream().allMatch(role -> presenceOf(role).present());
    }

    /** What the role's page plays of the other: its last report, while every required role is present; nothing otherwise. */
    public Reception receives(Role role) {
        return role.isRequired() && requiredPresent() ? member(role).reception() : Reception.NONE;
    }

    /** mediaReady, and each required role's page plays the other's video and audio. */
    public boolean seenAndHeard() {
        return mediaReady && Role.REQUIRED.stream().allMatch(role -> receives(role).video() && receives(role).audio());
    }

    /** Whether a person's sid of this role ever joined. */
    public boolean everJoined(Role role) {
        return sids.values().stream().anyMatch(s -> s.isPerson() && s.role() == role && s.joinedAt() != null);
    }

    /** Whether a required role's person ever joined: a session nobody of them came to expires rather than being abandoned. */
    public boolean everJoinedByRequired() {
        return Role.REQUIRED.stream().anyMatch(this::everJoined);
    }

    /** The participants in the room that are not people's pages, in the order they joined; none once ENDED (the room is gone). */
    public List<SidState> others() {
        if (status == SessionStatus.ENDED) {
            return List.of();
        }
        return sids.values().stream().filter(s -> s.active() && !s.isPerson())
                .sorted(Comparator.comparing(SidState::joinedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(s -> s.sid().value()))
                .toList();
    }

    /** A recorder (LiveKit Egress) is in the room. */
    public boolean recording() {
        return status != SessionStatus.ENDED && sids.values().stream().anyMatch(s -> s.active() && s.kind() == ParticipantKind.EGRESS);
    }

    /** True when the two states would show the same snapshot; the sids behind it may differ. */
    boolean sameSnapshotAs(SessionState other) {
        return status == other.status && members.stream().map(Member::presence).toList()
                .equals(other.members.stream().map(Member::presence).toList())
                && mediaReady == other.mediaReady && Objects.equals(readyAt, other.readyAt)
                && Role.REQUIRED.stream().allMatch(role -> sameReceives(receives(role), other.receives(role)))
                && Objects.equals(waiting, other.waiting) && Objects.equals(endedAt, other.endedAt)
                && endReason == other.endReason && sameOthers(others(), other.others());
    }

    private static boolean sameOthers(List<SidState> a, List<SidState> b) {
        return a.stream().map(SidState::sid).toList().equals(b.stream().map(SidState::sid).toList());
    }

    private static boolean sameReceives(Reception a, Reception b) {
        return a.video() == b.video() && a.audio() == b.audio();
    }
}
