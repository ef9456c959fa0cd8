package dev.rendezvous.session.diagnosis;

import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.session.fold.Reception;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Answers, from what the services saw, the questions that otherwise take two browser consoles and
 * a server log (docs/architecture.md, "Diagnosis"). Plain code: snapshot + timeline + the pages' reports +
 * LiveKit's answer in, checks by topic, one sentence and each role's moments out.
 */
public final class SessionDiagnosis {

    private final Facts facts;

    public SessionDiagnosis(SessionSnapshot session, List<Observed> timeline, Map<Role, Facts.Tokens> tokens,
                            Map<Role, Reception> receptions, LiveKitProbe livekit, Instant now) {
        this.facts = new Facts(session, timeline, tokens, receptions, livekit, now);
    }

    public DiagnosisReport report() {
        Facts f = facts;
        List<Check> checks = new ArrayList<>(List.of(LiveKitChecks.livekit(f), IdentityChecks.roster(f)));
        // The checks of each required role, in the same order for every role: a role added to Role.REQUIRED is checked too.
        for (Function<Role, Check> perRole : List.<Function<Role, Check>>of(role -> RoleChecks.token(f, role),
                role -> RoleChecks.joined(f, role), role -> RoleChecks.media(f, role), role -> ReceptionChecks.reception(f, role))) {
            Role.REQUIRED.forEach(role -> checks.add(perRole.apply(role)));
        }
        checks.addAll(List.of(RoleChecks.waiting(f),
                IdentityChecks.roomName(f), IdentityChecks.identityAndRole(f), IdentityChecks.uninvited(f), IdentityChecks.others(f),
                IdentityChecks.duplicateIdentity(f),
                IdentityChecks.abortedConnections(f), LiveKitChecks.webhooks(f), LiveKitChecks.reconciliation(f)));
        SessionSnapshot session = f.session();
        return new DiagnosisReport(session.sessionId(), session.status(), session.version(), f.now(),
                Summary.of(f, Summary.byName(checks)), checks, Moments.of(f));
    }
}
