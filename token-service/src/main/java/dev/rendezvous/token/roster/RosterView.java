package dev.rendezvous.token.roster;

import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.kernel.wire.SessionStatus;

import java.util.List;

/**
 * The part of session-service's snapshot that decides roles: who is the customer, who the mechanic,
 * who may look in as a supervisor, and whether the session has ended. Kept per session in the local
 * directory, so it keeps no more.
 *
 * @param supervisorIds the supervisors' user ids (session-service bounds how many a session has)
 */
public record RosterView(String sessionId, SessionStatus status, long version, String customerId, String mechanicId,
                         List<String> supervisorIds) {

    public RosterView {
        supervisorIds = supervisorIds == null ? List.of() : List.copyOf(supervisorIds);
    }

    /** A roster of a customer and a mechanic only. */
    public RosterView(String sessionId, SessionStatus status, long version, String customerId, String mechanicId) {
        this(sessionId, status, version, customerId, mechanicId, List.of());
    }

    /** The roster of a snapshot, as the API answers it and every session-signals record carries it. */
    public static RosterView of(SessionSnapshot snapshot) {
        return new RosterView(snapshot.sessionId().toString(), snapshot.status(), snapshot.version(),
                snapshot.customer() == null ? null : snapshot.customer().userId(),
                snapshot.mechanic() == null ? null : snapshot.mechanic().userId(),
                snapshot.members().stream().filter(m -> m.role() == Role.SUPERVISOR).map(SessionSnapshot.Member::userId).toList());
    }

    public boolean isEnded() {
        return status == SessionStatus.ENDED;
    }

    /** The roles a user holds on this roster, in Role's order (more than one only for a legacy customer-and-mechanic). */
    public List<Role> rolesOf(String userId) {
        return List.of(Role.values()).stream().filter(role -> switch (role) {
            case CUSTOMER -> userId.equals(customerId);
            case MECHANIC -> userId.equals(mechanicId);
            case SUPERVISOR -> supervisorIds.contains(userId);
        }).toList();
    }
}
