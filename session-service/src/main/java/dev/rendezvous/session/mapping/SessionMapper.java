package dev.rendezvous.session.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rendezvous.kernel.Identity;
import dev.rendezvous.kernel.ParticipantKind;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.Sid;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.session.fold.EndReason;
import dev.rendezvous.session.fold.Media;
import dev.rendezvous.session.fold.MediaSource;
import dev.rendezvous.session.fold.Member;
import dev.rendezvous.session.fold.Reception;
import dev.rendezvous.session.fold.ReceptionProblem;
import dev.rendezvous.session.fold.RolePresence;
import dev.rendezvous.session.fold.SessionState;
import dev.rendezvous.session.fold.SidState;
import dev.rendezvous.session.fold.Track;
import dev.rendezvous.session.fold.Waiting;
import dev.rendezvous.session.repository.Session;
import dev.rendezvous.session.repository.SessionMember;
import dev.rendezvous.session.repository.SessionParticipant;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Moves session state between the stored rows, the fold's records and the snapshot. */
public final class SessionMapper {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private SessionMapper() {
    }

    public static SessionState toState(Session session, Collection<SessionParticipant> participants) {
        Map<Sid, SidState> sids = participants.stream()
                .map(SessionMapper::toSid)
                .collect(Collectors.toMap(SidState::sid, Function.identity()));
        Waiting waiting = session.waitingFor == null ? null
                : new Waiting(Role.fromWire(session.waitingFor).orElseThrow(), session.waitingSince, session.waitingOverdue);
        return new SessionState(session.id, session.members.stream().map(SessionMapper::toMember).toList(), session.createdAt,
                session.status, session.version, session.mediaReady, session.readyAt, session.metAt, waiting, session.emptySince,
                session.endedAt, session.endReason == null ? null : EndReason.ofWire(session.endReason).orElse(null), sids);
    }

    private static Member toMember(SessionMember m) {
        Reception reception = m.reportedAt() == null ? Reception.NONE : new Reception(m.receivesVideo(), m.receivesAudio(),
                m.receptionProblem() == null ? null : ReceptionProblem.ofWire(m.receptionProblem()).orElse(null), m.reportedAt());
        RolePresence presence = new RolePresence(m.since() != null, m.identity() == null ? null : new Identity(m.identity()),
                m.since(), new Media(m.camera(), m.microphone()));
        return new Member(m.userId(), Role.fromWire(m.role()).orElseThrow(), presence, reception);
    }

    private static SessionMember toRow(Member m) {
        Reception r = m.reception();
        return new SessionMember(m.userId(), m.role().wire(), text(m.presence().identity()), m.presence().since(),
                m.presence().media().camera(), m.presence().media().microphone(), r.video(), r.audio(),
                r.problem() == null ? null : r.problem().wire(), r.reportedAt());
    }

    /** Copies the folded state onto the session row and its members' rows. */
    public static void apply(SessionState state, Session session) {
        session.status = state.status();
        session.version = state.version();
        session.members = new ArrayList<>(state.members().stream().map(SessionMapper::toRow).toList());
        session.mediaReady = state.mediaReady();
        session.waitingFor = state.waiting() == null ? null : state.waiting().forRole().wire();
        session.waitingSince = state.waiting() == null ? null : state.waiting().since();
        session.waitingOverdue = state.waiting() != null && state.waiting().overdue();
        session.emptySince = state.emptySince();
        session.everJoined = session.everJoined || state.everJoinedByRequired();
        session.metAt = state.metAt();
        session.readyAt = state.readyAt();
        session.endedAt = state.endedAt();
        session.endReason = state.endReason() == null ? session.endReason : state.endReason().wire();
        session.others = encodeOthers(others(state));
        session.recording = state.recording();
    }

    public static SidState toSid(SessionParticipant p) {
        return new SidState(new Sid(p.sid), Role.fromWire(p.role).orElse(null), p.identity == null ? null : new Identity(p.identity),
                p.userId, p.active, p.joinedAt, p.leftAt, p.leftReason, decodeTracks(p.tracks), ParticipantKind.fromWire(p.kind));
    }

    public static SessionParticipant toParticipant(UUID sessionId, SidState sid) {
        SessionParticipant p = new SessionParticipant();
        p.sessionId = sessionId;
        p.sid = sid.sid().value();
        p.role = sid.role() == null ? null : sid.role().wire();
        p.kind = sid.kind().name();
        p.identity = text(sid.identity());
        p.userId = sid.userId();
        p.active = sid.active();
        p.joinedAt = sid.joinedAt();
        p.leftAt = sid.leftAt();
        p.leftReason = sid.leftReason();
        p.tracks = encodeTracks(sid.tracks());
        return p;
    }

    private static String text(Identity identity) {
        return identity == null ? null : identity.value();
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

    public static SessionSnapshot toSnapshot(SessionState s) {
        return toSnapshot(s, others(s), s.recording());
    }

    private static SessionSnapshot toSnapshot(SessionState s, List<SessionSnapshot.Other> others, boolean recording) {
        return new SessionSnapshot(s.sessionId(), s.status(), s.version(), party(s, s.member(Role.CUSTOMER)),
                party(s, s.member(Role.MECHANIC)), s.mediaReady(), s.seenAndHeard(), waiting(s.waiting()), s.readyAt(), s.endedAt(),
                s.endReason() == null ? null : s.endReason().wire(),
                s.members().stream().map(m -> SessionSnapshot.Member.of(m.role(), party(s, m))).toList(), others, recording);
    }

    /** The participants in the room that are not people's pages, as the snapshot lists them. */
    private static List<SessionSnapshot.Other> others(SessionState s) {
        return s.others().stream().map(sid -> new SessionSnapshot.Other(sid.kind().name(), text(sid.identity()), sid.joinedAt()))
                .toList();
    }

    /** The snapshot's others as the session row keeps them: JSON, null for none. */
    static String encodeOthers(List<SessionSnapshot.Other> others) {
        if (others.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(others);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the others of a snapshot are plain values", e);
        }
    }

    static List<SessionSnapshot.Other> decodeOthers(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return List.of(JSON.readValue(json, SessionSnapshot.Other[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the others column holds what encodeOthers wrote", e);
        }
    }

    private static SessionSnapshot.Party party(SessionState s, Member member) {
        RolePresence presence = member.presence();
        Reception receives = s.receives(member.role());
        return new SessionSnapshot.Party(member.userId(), presence.since() != null, text(presence.identity()), presence.since(),
                new SessionSnapshot.Media(presence.media().camera(), presence.media().microphone()),
                new SessionSnapshot.Receives(receives.video(), receives.audio()));
    }

    private static SessionSnapshot.Waiting waiting(Waiting waiting) {
        return waiting == null ? null : new SessionSnapshot.Waiting(waiting.forRole(), waiting.since(), waiting.overdue());
    }

    /** The snapshot a session row shows (its end reason as stored, whatever rule ended it). */
    public static SessionSnapshot toSnapshot(Session s) {
        return toSnapshot(toState(s, List.of()), decodeOthers(s.others), s.recording);
    }
}
