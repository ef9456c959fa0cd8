package dev.rendezvous.session.mapping;

import dev.rendezvous.session.Session;
import dev.rendezvous.session.SessionParticipant;
import dev.rendezvous.session.fold.ParticipantSid;
import dev.rendezvous.session.fold.Role;
import dev.rendezvous.session.fold.RolePresence;
import dev.rendezvous.session.fold.SessionState;
import dev.rendezvous.session.rest.SessionView;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Moves session state between the entities, the fold's records and the snapshot. */
public final class SessionMapper {

    private SessionMapper() {
    }

    public static SessionState toState(Session session, Collection<SessionParticipant> participants) {
        Map<String, ParticipantSid> sids = participants.stream()
                .map(SessionMapper::toSid)
                .collect(Collectors.toMap(ParticipantSid::sid, Function.identity()));
        return new SessionState(session.id, session.customerId, session.mechanicId, session.status, session.version,
                new RolePresence(session.customerSince != null, session.customerIdentity, session.customerSince),
                new RolePresence(session.mechanicSince != null, session.mechanicIdentity, session.mechanicSince),
                session.readyAt, session.endedAt, session.endReason, sids);
    }

    /** Copies the folded state onto the session row. */
    public static void apply(SessionState state, Session session) {
        session.status = state.status();
        session.version = state.version();
        session.customerIdentity = state.customer().identity();
        session.customerSince = state.customer().since();
        session.mechanicIdentity = state.mechanic().identity();
        session.mechanicSince = state.mechanic().since();
        session.readyAt = state.readyAt();
        session.endedAt = state.endedAt();
        session.endReason = state.endReason();
    }

    public static ParticipantSid toSid(SessionParticipant p) {
        return new ParticipantSid(p.sid, Role.fromWire(p.role).orElse(null), p.identity, p.userId, p.active,
                p.joinedAt, p.leftAt, p.leftReason);
    }

    public static SessionParticipant toParticipant(UUID sessionId, ParticipantSid sid) {
        SessionParticipant p = new SessionParticipant();
        p.sessionId = sessionId;
        p.sid = sid.sid();
        p.role = sid.role().wire();
        p.identity = sid.identity();
        p.userId = sid.userId();
        p.active = sid.active();
        p.joinedAt = sid.joinedAt();
        p.leftAt = sid.leftAt();
        p.leftReason = sid.leftReason();
        return p;
    }

    public static SessionView toView(SessionState s) {
        return new SessionView(s.sessionId(), s.status(), s.version(), party(s.customerId(), s.customer()),
                party(s.mechanicId(), s.mechanic()), s.readyAt(), s.endedAt(), s.endReason());
    }

    private static SessionView.Party party(String userId, RolePresence presence) {
        return new SessionView.Party(userId, presence.since() != null, presence.identity(), presence.since());
    }

    public static SessionView toView(Session s) {
        return new SessionView(s.id, s.status, s.version,
                new SessionView.Party(s.customerId, s.customerSince != null, s.customerIdentity, s.customerSince),
                new SessionView.Party(s.mechanicId, s.mechanicSince != null, s.mechanicIdentity, s.mechanicSince),
                s.readyAt, s.endedAt, s.endReason);
    }
}
