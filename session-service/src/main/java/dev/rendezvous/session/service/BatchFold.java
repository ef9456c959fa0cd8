package dev.rendezvous.session.service;

import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.fold.FoldResult;
import dev.rendezvous.session.fold.SessionFold;
import dev.rendezvous.session.fold.SessionState;
import dev.rendezvous.session.fold.Verdict;
import dev.rendezvous.session.mapping.SessionMapper;
import dev.rendezvous.session.repository.MemberRow;
import dev.rendezvous.session.repository.OutboxSignal;
import dev.rendezvous.session.repository.Session;
import dev.rendezvous.session.repository.SessionMember;
import dev.rendezvous.session.repository.SessionParticipant;
import dev.rendezvous.session.repository.TimelineEntry;
import dev.rendezvous.session.service.SessionWriter.Outcome;
import dev.rendezvous.session.service.SessionWriter.Result;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Folds a batch of fresh events onto the sessions they name, in the order given (which is record
 * order per session), and collects every row that has to be written. In memory only: the SQL
 * around it is {@code SessionWriter}'s, the rules are {@link SessionFold}'s.
 */
final class BatchFold {

    /** Everything a batch writes, in one transaction, and the milestones its sessions reached. */
    record Writes(List<Result> applied, List<TimelineEntry> timeline, List<SessionParticipant> participants,
                  List<Session> sessions, List<MemberRow> members, List<OutboxSignal> signals, List<Milestone> milestones) {
    }

    /** A session became READY, media-ready or seen and heard, this long after the second join arrived. */
    record Milestone(Kind kind, Duration took) {
        enum Kind { READY, MEDIA_READY, SEEN_AND_HEARD }
    }

    private final SessionFold fold;
    private final Function<SessionSnapshot, String> toJson;

    BatchFold(SessionFold fold, Function<SessionSnapshot, String> toJson) {
        this.fold = fold;
        this.toJson = toJson;
    }

    /**
     * @param sessions the locked sessions the events name, by id
     * @param participants their sids as stored, by session id
     */
    Writes apply(List<Envelope> events, Map<UUID, Session> sessions, Map<UUID, List<SessionParticipant>> participants,
                 Instant now) {
        Map<UUID, SessionState> before = new HashMap<>();
        Map<UUID, SessionState> states = new LinkedHashMap<>();
        sessions.forEach((id, session) -> {
            SessionState state = SessionMapper.toState(session, participants.getOrDefault(id, List.of()));
            before.put(id, state);
            states.put(id, state);
        });
        List<Result> applied = new ArrayList<>(events.size());
        List<TimelineEntry> timeline = new ArrayList<>(events.size());
        List<OutboxSignal> signals = new ArrayList<>();
        List<Milestone> milestones = new ArrayList<>();
        Map<UUID, Instant> readyObserved = new HashMap<>();
        sessions.forEach((id, session) -> readyObserved.put(id, session.readyObservedAt));
        for (Envelope e : events) {
            SessionState state = e.sessionId() == null ? null : states.get(e.sessionId());
            if (state == null) {
                timeline.add(Timeline.entry(e, now, e.sessionId() == null ? Verdict.NO_SESSION_ID : Verdict.NO_SUCH_SESSION));
                applied.add(new Result(e.event().eventId(), Outcome.NO_SESSION, null, null));
                continue;
            }
            FoldResult result = fold.apply(state, e.event());
            states.put(e.sessionId(), result.state());
            milestones(state, result.state(), e, now, readyObserved, milestones);
            timeline.add(Timeline.entry(e, now, result.verdict()));
            SessionSnapshot snapshot = SessionMapper.toSnapshot(result.state());
            if (result.changed()) {
                OutboxSignal signal = signal(snapshot, snapshot.status().signalType(), now);
                signal.traceParent = e.traceParent();
                signal.causeReceivedAt = e.receivedAt();
                signals.add(signal);
            }
            applied.add(new Result(e.event().eventId(), result.changed() ? Outcome.CHANGED : Outcome.UNCHANGED, snapshot,
                    result.verdict()));
        }
        List<MemberRow> members = new ArrayList<>();
        List<Session> rows = changedSessions(before, states, sessions, members);
        rows.forEach(row -> row.readyObservedAt = readyObserved.get(row.id));
        return new Writes(applied, timeline, changedSids(before, states), rows, members, signals, milestones);
    }

    /**
     * What the time-to metrics count: from the arrival of the join that made the session READY (its
     * webhook's arrival at presence-service; this fold's time for a join found by reconciliation) to
     * READY, media-ready and seen and heard, each time the session gets there.
     */
    private static void milestones(SessionState before, SessionState after, Envelope e, Instant now,
                                   Map<UUID, Instant> readyObserved, List<Milestone> milestones) {
        UUID id = after.sessionId();
        if (before.status() != SessionStatus.READY && after.status() == SessionStatus.READY) {
            Instant arrived = e.receivedAt() != null ? e.receivedAt() : now;
            readyObserved.put(id, arrived);
            milestones.add(new Milestone(Milestone.Kind.READY, Duration.between(arrived, now)));
        }
        Instant since = readyObserved.get(id);
        if (since == null || after.status() != SessionStatus.READY) {
            return;
        }
        if (!before.mediaReady() && after.mediaReady()) {
            milestones.add(new Milestone(Milestone.Kind.MEDIA_READY, Duration.between(since, now)));
        }
        if (!before.seenAndHeard() && after.seenAndHeard()) {
            milestones.add(new Milestone(Milestone.Kind.SEEN_AND_HEARD, Duration.between(since, now)));
        }
    }

    /** Sids are saved even when the snapshot stays the same: a tombstoned or second-tab sid matters later. */
    private static List<SessionParticipant> changedSids(Map<UUID, SessionState> before, Map<UUID, SessionState> after) {
        List<SessionParticipant> rows = new ArrayList<>();
        after.forEach((id, state) -> state.sids().forEach((sid, now) -> {
            if (!Objects.equals(before.get(id).sids().get(sid), now)) {
                rows.add(SessionMapper.toParticipant(id, now));
            }
        }));
        return rows;
    }

    /**
     * The sessions whose state changed, and of their members only those that changed (a join changes one
     * member: writing back every member as it was read was the fold's most expensive statement).
     */
    private static List<Session> changedSessions(Map<UUID, SessionState> before, Map<UUID, SessionState> after,
                                                 Map<UUID, Session> sessions, List<MemberRow> changedMembers) {
        List<Session> rows = new ArrayList<>();
        after.forEach((id, state) -> {
            // A page's report may change the state without changing the snapshot (the other is not there yet).
            if (state.version() != before.get(id).version() || !state.members().equals(before.get(id).members())) {
                Session row = sessions.get(id);
                List<SessionMember> read = List.copyOf(row.members);
                SessionMapper.apply(state, row);
                for (int position = 0; position < row.members.size(); position++) {
                    if (!row.members.get(position).equals(read.get(position))) {
                        changedMembers.add(new MemberRow(id, (short) position, row.members.get(position)));
                    }
                }
                rows.add(row);
            }
        });
        return rows;
    }

    OutboxSignal signal(SessionSnapshot snapshot, String type, Instant now) {
        OutboxSignal signal = new OutboxSignal();
        signal.sessionId = snapshot.sessionId();
        signal.version = snapshot.version();
        signal.type = type;
        signal.payload = toJson.apply(snapshot);
        signal.createdAt = now;
        return signal;
    }
}
