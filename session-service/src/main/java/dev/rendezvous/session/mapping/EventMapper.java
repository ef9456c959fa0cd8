package dev.rendezvous.session.mapping;

import dev.rendezvous.kernel.Identity;
import dev.rendezvous.kernel.ParticipantKind;
import dev.rendezvous.kernel.Problem;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.kernel.Sid;
import dev.rendezvous.kernel.wire.ParticipantEvent;
import dev.rendezvous.kernel.wire.ParticipantEventType;
import dev.rendezvous.kernel.wire.SessionDeadline;
import dev.rendezvous.session.fold.MediaSource;
import dev.rendezvous.session.fold.SessionEvent;
import dev.rendezvous.session.fold.SessionEvent.Origin;
import dev.rendezvous.session.fold.SessionEvent.Participant;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The records of participant-events as the fold's events. */
public final class EventMapper {

    private EventMapper() {
    }

    /** A webhook's record as its event; empty for a type this service does not know. */
    public static Optional<SessionEvent> of(ParticipantEvent record) {
        Optional<ParticipantEventType> type = ParticipantEventType.ofType(record.type());
        if (type.isEmpty() || record.eventId() == null) {
            return Optional.empty();
        }
        Instant at = record.createdAt() != null ? record.createdAt() : record.receivedAt() != null ? record.receivedAt() : Instant.now();
        RoomName room = record.room() == null ? null : new RoomName(record.room());
        String id = record.eventId();
        return Optional.of(switch (type.get()) {
            case JOINED -> new SessionEvent.Joined(id, Origin.WEBHOOK, at, participant(record, room));
            case LEFT -> new SessionEvent.Left(id, Origin.WEBHOOK, at, participant(record, room), record.disconnectReason(), false);
            case CONNECTION_ABORTED -> new SessionEvent.Left(id, Origin.WEBHOOK, at, participant(record, room),
                    record.disconnectReason(), true);
            case TRACK_PUBLISHED, TRACK_UNPUBLISHED -> new SessionEvent.TrackChanged(id, Origin.WEBHOOK, at, participant(record, room),
                    record.trackSid(), MediaSource.fromLiveKit(record.trackSource()).orElse(null),
                    type.get() == ParticipantEventType.TRACK_PUBLISHED);
            case ROOM_STARTED -> new SessionEvent.RoomStarted(id, at, room);
            case ROOM_FINISHED -> new SessionEvent.RoomFinished(id, at, room);
        });
    }

    public static SessionEvent of(SessionDeadline record) {
        return new SessionEvent.DeadlineReached(record.eventId(), record.at(), record.roomEmpty());
    }

    private static Participant participant(ParticipantEvent record, RoomName room) {
        List<String> problems = record.problems() == null ? List.of()
                : record.problems().stream().filter(Objects::nonNull).map(Problem::code).filter(Objects::nonNull).toList();
        return new Participant(room, record.participantSid() == null ? null : new Sid(record.participantSid()),
                record.identity() == null ? null : new Identity(record.identity()), Role.fromWire(record.role()).orElse(null),
                record.roleSource(), record.userId(), problems, ParticipantKind.fromWire(record.kind()));
    }
}
