package dev.rendezvous.session.service;

import dev.rendezvous.kernel.Refusal;

import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.client.LiveKitRooms;
import dev.rendezvous.session.fold.EndReason;
import dev.rendezvous.session.fold.Member;
import dev.rendezvous.session.fold.SessionEvent;
import dev.rendezvous.session.mapping.SessionMapper;
import dev.rendezvous.session.repository.FoldStatements;
import dev.rendezvous.session.repository.Session;
import dev.rendezvous.session.repository.SessionMember;
import dev.rendezvous.session.repository.SessionReads;
import dev.rendezvous.session.telemetry.SessionMdc;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The session use cases behind the REST API: create, read with access rules, end. */
@ApplicationScoped
public class SessionService {

    public static final String BACKEND_GROUP = "backend";

    private final SessionReads sessions;
    private final SessionWriter writer;
    private final LiveKitRooms rooms;

    public SessionService(SessionReads sessions, SessionWriter writer, LiveKitRooms rooms) {
        this.sessions = sessions;
        this.writer = writer;
        this.rooms = rooms;
    }

    /** A created session, or the one an idempotency key had already created ({@code created} false). */
    public record Creation(SessionSnapshot view, boolean created) {
    }

    /** @param roster one member of each required role, then any supervisors, each user once */
    public Uni<SessionSnapshot> create(List<Member> roster) {
        return writer.create(newSession(roster)).invoke(SessionService::logCreated);
    }

    /**
     * Creates the session once per idempotency key of the calling backend: a retry with the same roster
     * gets the session the first call created; the same key with another roster is a conflict.
     */
    public Uni<Creation> create(List<Member> roster, String caller, String idempotencyKey) {
        Session session = newSession(roster);
        return writer.create(session, caller, idempotencyKey).chain(result -> {
            if (result.created() != null) {
                logCreated(result.created());
                return Uni.createFrom().item(new Creation(result.created(), true));
            }
            FoldStatements.KeyedSession earlier = result.earlier();
            if (earlier == null) {
                throw new IllegalStateException("idempotency key " + idempotencyKey + " is taken but holds no session");
            }
            if (!earlier.roster().equals(FoldStatements.roster(session))) {
                throw Refusal.conflict("idempotency-conflict", "Idempotency-Key " + idempotencyKey
                        + " was first used for another roster (session " + earlier.sessionId() + ")");
            }
            return sessions.byId(earlier.sessionId()).map(first -> new Creation(SessionMapper.toSnapshot(first), false));
        });
    }

    private static Session newSession(List<Member> roster) {
        Session session = new Session();
        session.id = UUID.randomUUID();
        roster.forEach(member -> session.members.add(SessionMember.invited(member.userId(), member.role().wire())));
        session.status = SessionStatus.WAITING;
        session.version = 1;
        session.createdAt = Instant.now();
        session.emptySince = session.createdAt;
        return session;
    }

    private static void logCreated(SessionSnapshot view) {
        try (var mdc = SessionMdc.of(view.sessionId())) {
            Log.infof("Session %s created: customer %s, mechanic %s, %d supervisor(s)", view.sessionId(), view.customer().userId(),
                    view.mechanic().userId(), view.members().stream().filter(m -> m.role() == Role.SUPERVISOR).count());
        }
    }

    /** The session, if the caller is on its roster or a backend; 404 unknown, 403 otherwise. */
    public Uni<Session> findAllowed(UUID id, JsonWebToken caller) {
        return sessions.byId(id).map(session -> {
            if (session == null) {
                throw Refusal.notFound("no session " + id);
            }
            if (!isBackend(caller) && !session.hasOnRoster(caller.getSubject())) {
                throw Refusal.notOnRoster("user " + caller.getSubject() + " is not on the roster of session " + id
                        + "; only its members and callers in the 'backend' group may use it");
            }
            return session;
        });
    }

    public Uni<SessionSnapshot> view(UUID id, JsonWebToken caller) {
        return findAllowed(id, caller).map(SessionMapper::toSnapshot);
    }

    /** Ends the session for everyone: ENDED, the ended signal, and the LiveKit room removed. */
    public Uni<SessionSnapshot> end(UUID id, JsonWebToken caller) {
        return findAllowed(id, caller).chain(session -> {
            if (session.status == SessionStatus.ENDED) {
                throw Refusal.conflict("session-ended", "session " + id + " has already ended (" + session.endReason + ")");
            }
            SessionEvent ended = new SessionEvent.EndRequested("end:" + id + ":" + UUID.randomUUID(), Instant.now(),
                    endedBy(session, caller), caller.getSubject());
            return writer.apply(new Envelope(id, ended));
        }).map(result -> {
            // Of simultaneous ends, the one whose event changed the session won; the others found it
            // ended under the row lock, and only the winner removes the room.
            if (result.outcome() != SessionWriter.Outcome.CHANGED) {
                throw Refusal.conflict("session-ended", "session " + id + " has already ended");
            }
            rooms.deleteRoomEventually(RoomName.of(id).value());
            return result.view();
        });
    }

    /** Who ends it: the customer, the mechanic, or a backend; a supervisor looks in and ends nothing. */
    private static EndReason endedBy(Session session, JsonWebToken caller) {
        Role role = session.roleOf(caller.getSubject());
        if (role == Role.CUSTOMER) {
            return EndReason.ENDED_BY_CUSTOMER;
        }
        if (role == Role.MECHANIC) {
            return EndReason.ENDED_BY_MECHANIC;
        }
        if (role != null && !isBackend(caller)) {
            throw Refusal.forbidden("observer-only", caller.getSubject() + " is a " + role.wire() + " of session " + session.id
                    + ": the customer, the mechanic or a backend ends it");
        }
        return EndReason.ENDED_BY_BACKEND;
    }

    public static boolean isBackend(JsonWebToken caller) {
        Set<String> groups = caller.getGroups();
        return groups != null && groups.contains(BACKEND_GROUP);
    }
}
