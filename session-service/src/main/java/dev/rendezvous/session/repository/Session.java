package dev.rendezvous.session.repository;

import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.wire.SessionStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A diagnostic video session as stored: a row of {@code sessions} (what belongs to the session as a
 * whole) with its rows of {@code session_members} (one per member of the roster, in its order). Changed
 * only through the fold; read and written with the SQL client (SessionReads, FoldStatements).
 */
public class Session {

    public UUID id;
    public SessionStatus status;
    /** Goes up by one with every change of the snapshot; the SSE event id. */
    public long version;
    /** The roster in its order, each member with their presence and their page's last reception report. */
    public List<SessionMember> members = new ArrayList<>();
    public boolean mediaReady;
    /** While a required role is present and another is not: the absent one ({@code customer}/{@code mechanic}), since when, overdue or not. */
    public String waitingFor;
    public Instant waitingSince;
    public boolean waitingOverdue;
    /** Since when no member is present (the creation, or the last leave); null while one is. */
    public Instant emptySince;
    /** Whether a required role ever came: a no-show expires, a session they left is abandoned. */
    public boolean everJoined;
    /** When the session first became READY: the required roles met. */
    public Instant metAt;
    public Instant createdAt;
    public Instant readyAt;
    /** When this service saw it become READY (the second join's arrival): what the time-to metrics count from. */
    public Instant readyObservedAt;
    /** The snapshot's others as JSON (null: nobody but people), and whether a recorder is in the room. */
    public String others;
    public boolean recording;
    public Instant endedAt;
    public String endReason;

    /** The role this user holds on the roster (a user holds one), or null for anyone else. */
    public Role roleOf(String userId) {
        return userId == null ? null : members.stream().filter(m -> userId.equals(m.userId())).findFirst()
                .flatMap(m -> Role.fromWire(m.role())).orElse(null);
    }

    public boolean hasOnRoster(String userId) {
        return roleOf(userId) != null;
    }
}
