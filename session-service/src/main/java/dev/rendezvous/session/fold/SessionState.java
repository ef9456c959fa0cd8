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
import java.util.stream.Stream;

/**
 * Everything the fold needs to know about one session; immutable.
 *
 * @param createdAt when the session was created: the no-show deadline counts from here
 * @param mediaReady READY, and each role publishes the sources that count
 * @param receptions each role's page's last report of what it plays of the other; it shows in the
 *                   snapshot only while both are present ({@link #receives})
 * @param readyAt when the session last became READY; null while not READY
 * @param metAt when it first became READY: the two people met
 * @param waiting the absent role, while exactly one is present (and, once ended on time before they met,
 *                the one who never came)
 * @param emptySince since when nobody is present (the creation, or the last leave); null while someone is
 * @param sids every participant sid seen in the session's room, active or gone
 */
public record SessionState(UUID sessionId, String customerId, String mechanicId, Instant createdAt, SessionStatus status,
                           long version, RolePresence customer, RolePresence mechanic, boolean mediaReady,
                           Receptions receptions, Instant readyAt,
                           Instant metAt, Waiting waiting, Instant emptySince, Instant endedAt, EndReason endReason,
                           Map<Sid, SidState> sids) {

    public SessionState {
        sids = Map.copyOf(sids);
    }

    /** A session just created: version 1, WAITING, nobody there yet. */
    public static SessionState created(UUID sessionId, String customerId, String mechanicId, Instant createdAt) {
        return new SessionState(sessionId, customerId, mechanicId, createdAt, SessionStatus.WAITING, 1, RolePresence.ABSENT,
                RolePresence.ABSENT, false, Receptions.NONE, null, null, null, createdAt, null, null, Map.of());
    }

    public String userIdOf(Role role) {
        return role == Role.CUSTOMER ? customerId : mechanicId;
    }

    public RolePresence presenceOf(Role role) {
        return role == Role.CUSTOMER ? customer : mechanic;
    }

    public RoomName room() {
        return RoomName.of(sessionId);
    }

    /** What the role's page plays of the other: its last report, while both are present; nothing otherwise. */
    public Reception receives(Role role) {
        return customer.present() && mechanic.present() ? receptions.of(role) : Reception.NONE;
    }

    /** mediaReady, and each role's page plays the other's video and audio. */
    public boolean seenAndHeard() {
        return mediaReady && Stream.of(Role.CUSTOMER, Role.MECHANIC).allMatch(role -> receives(role).video() && receives(role).audio());
    }

    /** Whether a sid of this role ever joined. */
    public boolean everJoined(Role role) {
        return sids.values().stream().anyMatch(s -> s.isPerson() && s.role() == role && s.joinedAt() != null);
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
        return status == other.status && customer.equals(other.customer) && mechanic.equals(other.mechanic)
                && mediaReady == other.mediaReady && Objects.equals(readyAt, other.readyAt)
                && sameReceives(receives(Role.CUSTOMER), other.receives(Role.CUSTOMER))
                && sameReceives(receives(Role.MECHANIC), other.receives(Role.MECHANIC))
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
