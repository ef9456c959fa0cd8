package dev.rendezvous.session.mapping;

import dev.rendezvous.session.Session;
import dev.rendezvous.session.SessionParticipant;
import dev.rendezvous.session.fold.Media;
import dev.rendezvous.session.fold.MediaSource;
import dev.rendezvous.session.fold.ParticipantSid;
import dev.rendezvous.session.fold.Role;
import dev.rendezvous.session.fold.RolePresence;
import dev.rendezvous.session.fold.SessionState;
import dev.rendezvous.session.fold.Track;
import dev.rendezvous.session.SessionView;

import java.util.Collection;
import java.util.HashMap;
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
                new RolePresence(session.customerSince != null, session.customerIdentity, session.customerSince,
                        new Media(session.customerCamera, session.customerMicrophone)),
                new RolePresence(session.mechanicSince != null, session.mechanicIdentity, session.mechanicSince,
                        new Media(session.mechanicCamera, session.mechanicMicrophone)),
                session.mediaReady, session.readyAt, session.endedAt, session.endReason, sids);
    }

    /** Copies the folded state onto the session row. */
    public static void apply(SessionState state, Session session) {
        session.status = state.status();
        session.version = state.version();
        session.customerIdentity = state.customer().identity();
        session.customerSince = state.customer().since();
        session.mechanicIdentity = state.mechanic().identity();
        session.mechanicSince = state.mechanic().since();
        session.customerCamera = state.customer().media().camera();
        session.customerMicrophone = state.customer().media().microphone();
        session.mechanicCamera = state.mechanic().media().camera();
        session.mechanicMicrophone = state.mechanic().media().microphone();
        session.mediaReady = state.mediaReady();
        session.readyAt = state.readyAt();
        session.endedAt = state.endedAt();
        session.endReason = state.endReason();
    }

    public static ParticipantSid toSid(SessionParticipant p) {
        return new ParticipantSid(p.sid, Role.fromWire(p.role).orElse(null), p.identity, p.userId, p.active,
                p.joinedAt, p.leftAt, p.leftReason, decodeTracks(p.tracks));
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
        p.tracks = encodeTracks(sid.tracks());
        return p;
    }

    /** Tracks as one column: {@code trackSid:SOURCE:1} (published) or {@code :0}, separated by {@code ;}; null for none. */
    static String encodeTracks(Map<String, Track> tracks) {
        if (tracks.isEmpty()) {
            return null;
        }
        return tracks.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(t -> t.getKey() + ":" + t.getValue().source().name() + ":" + (t.getValue().published() ? 1 : 0))
                .collect(Collectors.joining(";"));
    }

    static Map<String, Track> decodeTracks(String column) {
        if (column == null || column.isEmpty()) {
            return Map.of();
        }
        Map<String, Track> tracks = new HashMap<>();
        for (String entry : column.split(";")) {
            // Track sids hold no ':' (LiveKit's are TR_ and letters): split from the end all the same.
            int published = entry.lastIndexOf(':');
            int source = entry.lastIndexOf(':', published - 1);
            tracks.put(entry.substring(0, source), new Track(MediaSource.valueOf(entry.substring(source + 1, published)),
                    entry.endsWith(":1")));
        }
        return tracks;
    }

    public static SessionView toView(SessionState s) {
        return new SessionView(s.sessionId(), s.status(), s.version(), party(s.customerId(), s.customer()),
                party(s.mechanicId(), s.mechanic()), s.mediaReady(), s.readyAt(), s.endedAt(), s.endReason());
    }

    private static SessionView.Party party(String userId, RolePresence presence) {
        return new SessionView.Party(userId, presence.since() != null, presence.identity(), presence.since(),
                new SessionView.Media(presence.media().camera(), presence.media().microphone()));
    }

    public static SessionView toView(Session s) {
        return new SessionView(s.id, s.status, s.version,
                new SessionView.Party(s.customerId, s.customerSince != null, s.customerIdentity, s.customerSince,
                        new SessionView.Media(s.customerCamera, s.customerMicrophone)),
                new SessionView.Party(s.mechanicId, s.mechanicSince != null, s.mechanicIdentity, s.mechanicSince,
                        new SessionView.Media(s.mechanicCamera, s.mechanicMicrophone)),
                s.mediaReady, s.readyAt, s.endedAt, s.endReason);
    }
}
