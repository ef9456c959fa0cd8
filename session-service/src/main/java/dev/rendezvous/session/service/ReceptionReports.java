package dev.rendezvous.session.service;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.rendezvous.kernel.RateLimit;
import dev.rendezvous.kernel.Refusal;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.config.SessionConfig;
import dev.rendezvous.session.fold.Reception;
import dev.rendezvous.session.fold.ReceptionProblem;
import dev.rendezvous.session.fold.SessionEvent.ReceptionReported;
import dev.rendezvous.session.fold.Verdict;
import dev.rendezvous.session.mapping.SessionMapper;
import dev.rendezvous.session.repository.Session;
import dev.rendezvous.session.repository.SessionReads;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A page's report of what it plays of the other role, folded like any event of the session. Only the
 * roster's people report, each for their own role; a report that says what the last one said writes
 * nothing; and each user's reports per session are rate-limited, so a page in a loop cannot grow the
 * timeline.
 */
@ApplicationScoped
public class ReceptionReports {

    /** Users and sessions whose report rates are remembered at once. */
    private static final int TRACKED = 100_000;

    /** What the caller's page plays of the other role, and why not when it said. */
    public record Report(boolean video, boolean audio, ReceptionProblem problem) {
    }

    private final SessionReads sessions;
    private final SessionWriter writer;
    private final RateLimit limit;

    @Inject
    public ReceptionReports(SessionReads sessions, SessionWriter writer, SessionConfig config) {
        this(sessions, writer, new RateLimit(config.receptionReportBurst(), config.receptionReportPerMinute(), TRACKED,
                Ticker.systemTicker()));
    }

    ReceptionReports(SessionReads sessions, SessionWriter writer, RateLimit limit) {
        this.sessions = sessions;
        this.writer = writer;
        this.limit = limit;
    }

    /** Folds the report of the caller's page; answers the snapshot it leaves. */
    public Uni<SessionSnapshot> report(UUID id, String caller, Report report) {
        Duration wait = limit.take(caller + "\n" + id);
        if (!wait.isZero()) {
            throw Refusal.tooMany("too-many-reports", "too many reception reports for session " + id + " by " + caller
                    + "; a page reports when what it plays changes", wait);
        }
        return sessions.byId(id).chain(session -> {
            if (session == null) {
                throw Refusal.notFound("no session " + id);
            }
            Role role = roleOf(session, caller);
            if (session.status == SessionStatus.ENDED) {
                throw Refusal.conflict("session-ended", "session " + id + " has ended (" + session.endReason + ")");
            }
            Reception last = SessionMapper.toState(session, List.of()).member(role).reception();
            if (last.says(report.video(), report.audio(), report.problem())) {
                return Uni.createFrom().item(SessionMapper.toSnapshot(session));
            }
            ReceptionReported event = new ReceptionReported("reception:" + id + ":" + UUID.randomUUID(), Instant.now(), role,
                    caller, report.video(), report.audio(), report.problem());
            return writer.apply(new Envelope(id, event)).map(result -> {
                if (result.verdict() == Verdict.SESSION_ENDED) {
                    throw Refusal.conflict("session-ended", "session " + id + " has ended");
                }
                return result.view();
            });
        });
    }

    /**
     * The caller's required role on the roster. A backend or a stranger has no page in the room to report
     * for; a supervisor's page plays what it likes, which is nobody's seen-and-heard.
     */
    private static Role roleOf(Session session, String caller) {
        Role role = session.roleOf(caller);
        if (role == null) {
            throw Refusal.notOnRoster("only the customer or the mechanic of session " + session.id
                    + " reports what their page plays; " + caller + " is neither");
        }
        if (!role.isRequired()) {
            throw Refusal.forbidden("observer-only", caller + " is a " + role.wire() + " of session " + session.id
                    + ": only the customer's and the mechanic's pages report what they play");
        }
        return role;
    }
}
