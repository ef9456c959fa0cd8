package dev.rendezvous.token.roster;

import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.kernel.wire.SessionStatus;

/**
 * The part of session-service's snapshot that decides roles: who is the customer, who the mechanic,
 * and whether the session has ended. Kept per session in the local directory, so it keeps no more.
 */
public record RosterView(String sessionId, SessionStatus status, long version, String customerId, String mechanicId) {

    /** The roster of a snapshot, as the API answers it and every session-signals record carries it. */
    public static RosterView of(SessionSnapshot snapshot) {
        return new RosterView(snapshot.sessionId().toString(), snapshot.status(), snapshot.version(),
                snapshot.customer() == null ? null : snapshot.customer().userId(),
                snapshot.mechanic() == null ? null : snapshot.mechanic().userId());
    }

    public boolean isEnded() {
        return status == SessionStatus.ENDED;
    }
}
