package dev.rendezvous.session.diagnosis;

import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.session.fold.Receptions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Answers, from what the services saw, the questions that otherwise take two browser consoles and
 * a server log (docs/architecture.md, "Diagnosis"). Plain code: snapshot + timeline + the pages' reports +
 * LiveKit's answer in, checks by topic, one sentence and each role's moments out.
 */
public final class SessionDiagnosis {

    private final Facts facts;

    public SessionDiagnosis(SessionSnapshot session, List<Observed> timeline, Map<Role, Facts.Tokens> tokens,
                            Receptions receptions, LiveKitProbe livekit, Instant now) {
        this.facts = new Facts(session, timeline, tokens, receptions, livekit, now);
    }

    public DiagnosisReport report() {
        Facts f = facts;
        List<Check> checks = List.of(LiveKitChecks.livekit(f), IdentityChecks.roster(f),
                RoleChecks.token(f, Role.CUSTOMER), RoleChecks.token(f, Role.MECHANIC),
                RoleChecks.joined(f, Role.CUSTOMER), RoleChecks.joined(f, Role.MECHANIC),
                RoleChecks.media(f, Role.CUSTOMER), RoleChecks.media(f, Role.MECHANIC),
                ReceptionChecks.reception(f, Role.CUSTOMER), ReceptionChecks.reception(f, Role.MECHANIC), RoleChecks.waiting(f),
                IdentityChecks.roomName(f), IdentityChecks.identityAndRole(f), IdentityChecks.uninvited(f), IdentityChecks.others(f),
                IdentityChecks.duplicateIdentity(f),
                IdentityChecks.abortedConnections(f), LiveKitChecks.webhooks(f), LiveKitChecks.reconciliation(f));
        SessionSnapshot session = f.session();
        return new DiagnosisReport(session.sessionId(), session.status(), session.version(), f.now(),
                Summary.of(f, Summary.byName(checks)), checks, Moments.of(f));
    }
}
