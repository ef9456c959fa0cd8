package dev.rendezvous.session.fold;

import dev.rendezvous.session.SessionIds;
import dev.rendezvous.session.SessionStatus;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything the fold needs to know about one session; immutable.
 *
 * @param mediaReady READY, and each role publishes the sources that count
 */
public record SessionState(UUID sessionId, String customerId, String mechanicId, SessionStatus status, long version,
                           RolePresence customer, RolePresence mechanic, boolean mediaReady, Instant readyAt,
                           Instant endedAt, String endReason, Map<String, ParticipantSid> sids) {

    public SessionState {
        sids = Map.copyOf(sids);
    }

    public SessionState(UUID sessionId, String customerId, String mechanicId, SessionStatus status, long version,
                        RolePresence customer, RolePresence mechanic, Instant readyAt, Instant endedAt,
                        String endReason, Map<String, ParticipantSid> sids) {
        this(sessionId, customerId, mechanicId, status, version, customer, mechanic, false, readyAt, endedAt, endReason, sids);
    }

    public String userIdOf(Role role) {
        return role == Role.CUSTOMER ? customerId : mechanicId;
    }

    public RolePresence presenceOf(Role role) {
        return role == Role.CUSTOMER ? customer : mechanic;
    }

    public String roomName() {
        return SessionIds.room(sessionId);
    }

    /** True when the two states would show the same snapshot; the sids behind it may differ. */
    boolean sameSnapshotAs(SessionState other) {
        return status == other.status && customer.equals(other.customer) && mechanic.equals(other.mechanic)
                && mediaReady == other.mediaReady && Objects.equals(readyAt, other.readyAt) && Objects.equals(endedAt, other.endedAt)
                && Objects.equals(endReason, other.endReason);
    }
}
