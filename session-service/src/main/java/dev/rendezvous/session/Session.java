package dev.rendezvous.session;

import dev.rendezvous.kernel.wire.SessionStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * A diagnostic video session: its roster and its folded state, as a row of {@code sessions}. Changed
 * only through the fold; read and written with the SQL client (repository/SessionReads, FoldStatements).
 */
public class Session {

    public UUID id;
    public String customerId;
    public String mechanicId;
    public SessionStatus status;
    /** Goes up by one with every change of the snapshot; the SSE event id. */
    public long version;
    public String customerIdentity;
    public Instant customerSince;
    public String mechanicIdentity;
    public Instant mechanicSince;
    public boolean customerCamera;
    public boolean customerMicrophone;
    public boolean mechanicCamera;
    public boolean mechanicMicrophone;
    public boolean mediaReady;
    /** Each role's page's last report of what it plays of the other (fold/Reception); unreported while its time is null. */
    public boolean customerReceivesVideo;
    public boolean customerReceivesAudio;
    public String customerReceptionProblem;
    public Instant customerReportedAt;
    public boolean mechanicReceivesVideo;
    public boolean mechanicReceivesAudio;
    public String mechanicReceptionProblem;
    public Instant mechanicReportedAt;
    /** While exactly one role is present: the absent one ({@code customer}/{@code mechanic}), since when, overdue or not. */
    public String waitingFor;
    public Instant waitingSince;
    public boolean waitingOverdue;
    /** Since when nobody is present (the creation, or the last leave); null while someone is. */
    public Instant emptySince;
    /** When the session first became READY: the two met. */
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

    public boolean hasOnRoster(String userId) {
        return userId != null && (userId.equals(customerId) || userId.equals(mechanicId));
    }
}
