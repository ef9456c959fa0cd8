package dev.rendezvous.session.fold;

import dev.rendezvous.kernel.Identity;
import dev.rendezvous.kernel.ParticipantKind;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.kernel.Sid;

import java.time.Instant;
import java.util.List;

/**
 * One thing that happened to a session, one record per kind: what LiveKit reported of a participant or
 * the room (by webhook, or found by reconciliation in LiveKit's participant list), what a page reported
 * it plays of the other role, an end asked for by someone, or a deadline reached. The fold reads what changes state; the timeline keeps every fact, so
 * diagnosis reads typed facts, never a payload.
 */
public sealed interface SessionEvent {

    /** Unique per event: a redelivered event is folded once. */
    String eventId();

    /** When it happened (LiveKit's time for what LiveKit reports). */
    Instant at();

    Origin origin();

    Kind kind();

    /** Who reported an event. */
    enum Origin { WEBHOOK, RECONCILIATION, CALLER, DEADLINE }

    /** What happened, with the type the timeline names it by (the CloudEvents type where a record carried it). */
    enum Kind {
        JOINED("rendezvous.participant.joined"),
        LEFT("rendezvous.participant.left"),
        CONNECTION_ABORTED("rendezvous.participant.connection-aborted"),
        ROOM_STARTED("rendezvous.room.started"),
        ROOM_FINISHED("rendezvous.room.finished"),
        TRACK_PUBLISHED("rendezvous.track.published"),
        TRACK_UNPUBLISHED("rendezvous.track.unpublished"),
        RECEPTION_REPORTED("rendezvous.reception.reported"),
        END_REQUESTED("rendezvous.session.end-requested"),
        DEADLINE_REACHED("rendezvous.session.deadline");

        private final String type;

        Kind(String type) {
            this.type = type;
        }

        public String type() {
            return type;
        }
    }

    /**
     * A LiveKit participant as an event reports it, and the role it claims (RoleReading): whether it
     * counts, and for which role, is the fold's to decide from the roster.
     *
     * @param role the role claimed, or null when none could be read
     * @param roleSource where the role was read: {@code metadata}, {@code attributes}, {@code identity} or {@code none}
     * @param userId the user claimed, or null when none could be read
     * @param problems the codes of what was wrong with its identity, role or room
     */
    record Participant(RoomName room, Sid sid, Identity identity, Role role, String roleSource, String userId,
                       List<String> problems, ParticipantKind participantKind) {
        public Participant {
            problems = problems == null ? List.of() : List.copyOf(problems);
            participantKind = participantKind == null ? ParticipantKind.STANDARD : participantKind;
        }

        /** A person's page: LiveKit's kind STANDARD. */
        public Participant(RoomName room, Sid sid, Identity identity, Role role, String roleSource, String userId,
                           List<String> problems) {
            this(room, sid, identity, role, roleSource, userId, problems, ParticipantKind.STANDARD);
        }
    }

    /** Events about one participant of the room. */
    sealed interface AboutParticipant extends SessionEvent {
        Participant who();
    }

    record Joined(String eventId, Origin origin, Instant at, Participant who) implements AboutParticipant {
        @Override
        public Kind kind() {
            return Kind.JOINED;
        }
    }

    /** A participant's sid left: a leave, or its connection aborted; {@code reason} is LiveKit's disconnect reason. */
    record Left(String eventId, Origin origin, Instant at, Participant who, String reason, boolean aborted)
            implements AboutParticipant {
        @Override
        public Kind kind() {
            return aborted ? Kind.CONNECTION_ABORTED : Kind.LEFT;
        }
    }

    /** A track of a participant's sid was published ({@code published}) or unpublished; {@code source} null when unknown. */
    record TrackChanged(String eventId, Origin origin, Instant at, Participant who, String trackSid, MediaSource source,
                        boolean published) implements AboutParticipant {
        @Override
        public Kind kind() {
            return published ? Kind.TRACK_PUBLISHED : Kind.TRACK_UNPUBLISHED;
        }
    }

    record RoomStarted(String eventId, Instant at, RoomName room) implements SessionEvent {
        @Override
        public Origin origin() {
            return Origin.WEBHOOK;
        }

        @Override
        public Kind kind() {
            return Kind.ROOM_STARTED;
        }
    }

    /** LiveKit closed the room: everyone in it is gone (the session stays open). */
    record RoomFinished(String eventId, Instant at, RoomName room) implements SessionEvent {
        @Override
        public Origin origin() {
            return Origin.WEBHOOK;
        }

        @Override
        public Kind kind() {
            return Kind.ROOM_FINISHED;
        }
    }

    /**
     * A role's page reported what it plays of the other role ({@code PUT /v1/sessions/{id}/reception});
     * {@code by} is the caller, {@code problem} why not, when the page said.
     */
    record ReceptionReported(String eventId, Instant at, Role role, String by, boolean video, boolean audio,
                             ReceptionProblem problem) implements SessionEvent {
        @Override
        public Origin origin() {
            return Origin.CALLER;
        }

        @Override
        public Kind kind() {
            return Kind.RECEPTION_REPORTED;
        }
    }

    /** Someone on the roster, or a backend, ended the session; {@code by} is the caller. */
    record EndRequested(String eventId, Instant at, EndReason reason, String by) implements SessionEvent {
        @Override
        public Origin origin() {
            return Origin.CALLER;
        }

        @Override
        public Kind kind() {
            return Kind.END_REQUESTED;
        }
    }

    /**
     * A time-based change may be due at {@code at}: a wait turning overdue, or an end on time. It
     * reaches the fold through the session's partition, so every event recorded before it has been
     * folded first; {@code roomEmpty} says LiveKit listed nobody in the room when it was sent, the
     * other condition of an end on time.
     */
    record DeadlineReached(String eventId, Instant at, boolean roomEmpty) implements SessionEvent {
        @Override
        public Origin origin() {
            return Origin.DEADLINE;
        }

        @Override
        public Kind kind() {
            return Kind.DEADLINE_REACHED;
        }
    }
}
