package dev.rendezvous.session.service;

import dev.rendezvous.session.fold.SessionEvent;
import dev.rendezvous.session.fold.SessionEvent.AboutParticipant;
import dev.rendezvous.session.fold.SessionEvent.DeadlineReached;
import dev.rendezvous.session.fold.SessionEvent.EndRequested;
import dev.rendezvous.session.fold.SessionEvent.Left;
import dev.rendezvous.session.fold.SessionEvent.Participant;
import dev.rendezvous.session.fold.SessionEvent.ReceptionReported;
import dev.rendezvous.session.fold.SessionEvent.RoomFinished;
import dev.rendezvous.session.fold.SessionEvent.RoomStarted;
import dev.rendezvous.session.fold.SessionEvent.TrackChanged;
import dev.rendezvous.session.fold.Verdict;
import dev.rendezvous.session.repository.TimelineEntry;

import java.time.Instant;

/** An event's row of the session's timeline: its facts as columns, the fold's verdict as a code, the record as evidence. */
final class Timeline {

    /** A deadline's reason on the timeline: LiveKit listed nobody in the room, or it was not asked (an overdue wait). */
    static final String ROOM_EMPTY = "room-empty";
    static final String ROOM_NOT_CHECKED = "room-not-checked";

    private Timeline() {
    }

    static TimelineEntry entry(Envelope envelope, Instant now, Verdict verdict) {
        SessionEvent event = envelope.event();
        TimelineEntry entry = new TimelineEntry();
        entry.sessionId = envelope.sessionId();
        entry.eventId = event.eventId();
        entry.type = event.kind().type();
        entry.origin = event.origin().name();
        entry.occurredAt = event.at();
        entry.receivedAt = now;
        entry.outcome = verdict.code();
        entry.payload = envelope.record();
        if (event instanceof AboutParticipant about) {
            Participant who = about.who();
            entry.room = who.room() == null ? null : who.room().value();
            entry.identity = who.identity() == null ? null : who.identity().value();
            entry.role = who.role() == null ? null : who.role().wire();
            entry.roleSource = who.roleSource();
            entry.userId = who.userId();
            entry.problems = who.problems().isEmpty() ? null : String.join(",", who.problems());
            entry.participantKind = who.participantKind().isPerson() ? null : who.participantKind().name();
        }
        if (event instanceof Left left) {
            entry.reason = left.reason();
        } else if (event instanceof TrackChanged track) {
            entry.reason = track.source() == null ? null : track.source().wire();
        } else if (event instanceof RoomStarted started) {
            entry.room = started.room() == null ? null : started.room().value();
        } else if (event instanceof RoomFinished finished) {
            entry.room = finished.room() == null ? null : finished.room().value();
        } else if (event instanceof EndRequested end) {
            entry.reason = end.reason().wire();
            entry.userId = end.by();
        } else if (event instanceof ReceptionReported report) {
            entry.role = report.role().wire();
            entry.userId = report.by();
            entry.receivesVideo = report.video();
            entry.receivesAudio = report.audio();
            entry.problems = report.problem() == null ? null : report.problem().wire();
        } else if (event instanceof DeadlineReached deadline) {
            entry.reason = deadline.roomEmpty() ? ROOM_EMPTY : ROOM_NOT_CHECKED;
        }
        return entry;
    }
}
