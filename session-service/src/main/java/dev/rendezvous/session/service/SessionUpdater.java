package dev.rendezvous.session.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.session.OutboxSignal;
import dev.rendezvous.session.Session;
import dev.rendezvous.session.SessionParticipant;
import dev.rendezvous.session.TimelineEntry;
import dev.rendezvous.session.fold.FoldResult;
import dev.rendezvous.session.fold.ParticipantSid;
import dev.rendezvous.session.fold.PresenceEvent;
import dev.rendezvous.session.fold.SessionFold;
import dev.rendezvous.session.mapping.SessionMapper;
import dev.rendezvous.session.repository.OutboxRepository;
import dev.rendezvous.session.repository.ParticipantRepository;
import dev.rendezvous.session.repository.SessionRepository;
import dev.rendezvous.session.repository.TimelineRepository;
import dev.rendezvous.session.rest.SessionView;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies one event to its session in one transaction: the event-id record (so a redelivery is
 * skipped), the timeline entry, the fold, the new state and, when the snapshot changed, the signal
 * in the outbox. Either all of it commits or none of it does.
 */
@ApplicationScoped
public class SessionUpdater {

    /** What applying an event did. */
    public enum Outcome { DUPLICATE, NO_SESSION, UNCHANGED, CHANGED }

    public record Result(Outcome outcome, SessionView view) {
    }

    private final SessionFold fold = new SessionFold();
    private final SessionRepository sessions;
    private final ParticipantRepository participants;
    private final TimelineRepository timeline;
    private final OutboxRepository outbox;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    public SessionUpdater(SessionRepository sessions, ParticipantRepository participants, TimelineRepository timeline,
                          OutboxRepository outbox, ObjectMapper json, MeterRegistry registry) {
        this.sessions = sessions;
        this.participants = participants;
        this.timeline = timeline;
        this.outbox = outbox;
        this.json = json;
        this.registry = registry;
    }

    /**
     * @param sessionId the session the event names, or null when none could be read (it is still kept)
     * @param type the event's CloudEvents type, for the timeline and the metrics
     * @param payload the event as it arrived, for the timeline
     */
    @WithTransaction
    public Uni<Result> apply(UUID sessionId, PresenceEvent event, String type, String payload) {
        Timer.Sample sample = Timer.start(registry);
        return markProcessed(event.eventId()).chain(first -> {
            if (!first) {
                registry.counter("rendezvous.events.duplicates", "type", type).increment();
                return Uni.createFrom().item(new Result(Outcome.DUPLICATE, null));
            }
            registry.counter("rendezvous.events.folded", "type", type).increment();
            if (sessionId == null) {
                return record(null, event, type, payload, "kept: no session id").replaceWith(new Result(Outcome.NO_SESSION, null));
            }
            return sessions.findForUpdate(sessionId).chain(session -> session == null
                    ? record(sessionId, event, type, payload, "kept: no such session").replaceWith(new Result(Outcome.NO_SESSION, null))
                    : fold(session, event, type, payload));
        }).invoke(() -> sample.stop(registry.timer("rendezvous.fold.latency", "type", type)));
    }

    private Uni<Result> fold(Session session, PresenceEvent event, String type, String payload) {
        return participants.listBySession(session.id).chain(rows -> {
            FoldResult result = fold.apply(SessionMapper.toState(session, rows), event);
            // Sids are saved even when the snapshot stays the same: a tombstoned or second-tab sid matters later.
            Uni<Void> saved = record(session.id, event, type, payload, result.outcome())
                    .chain(() -> saveSids(session.id, rows, result.state().sids()));
            if (!result.changed()) {
                return saved.replaceWith(new Result(Outcome.UNCHANGED, SessionMapper.toView(session)));
            }
            SessionMapper.apply(result.state(), session);
            SessionView view = SessionMapper.toView(session);
            Log.infof("Session %s v%d %s (%s %s)", session.id, view.version(), result.outcome(), type, event.eventId());
            return saved.chain(() -> enqueueSignal(view)).replaceWith(new Result(Outcome.CHANGED, view));
        });
    }

    /** Creates a session (version 1, WAITING) with its "created" signal. */
    @WithTransaction
    public Uni<SessionView> create(Session session) {
        return sessions.persist(session).chain(saved -> {
            SessionView view = SessionMapper.toView(saved);
            return enqueueSignal(view, "rendezvous.session.created").replaceWith(view);
        });
    }

    private Uni<Void> saveSids(UUID sessionId, List<SessionParticipant> rows, Map<String, ParticipantSid> sids) {
        Map<String, SessionParticipant> existing = rows.stream()
                .collect(Collectors.toMap(p -> p.sid, Function.identity()));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ParticipantSid sid : sids.values()) {
            SessionParticipant row = existing.get(sid.sid());
            if (row == null) {
                chain = chain.chain(() -> participants.persist(SessionMapper.toParticipant(sessionId, sid)).replaceWithVoid());
            } else {
                row.active = sid.active();
                row.leftAt = sid.leftAt();
                row.leftReason = sid.leftReason();
            }
        }
        return chain;
    }

    private Uni<Void> enqueueSignal(SessionView view) {
        return enqueueSignal(view, view.status().signalType());
    }

    private Uni<Void> enqueueSignal(SessionView view, String type) {
        OutboxSignal signal = new OutboxSignal();
        signal.sessionId = view.sessionId();
        signal.version = view.version();
        signal.type = type;
        signal.payload = toJson(view);
        signal.createdAt = Instant.now();
        return outbox.persist(signal).replaceWithVoid();
    }

    private Uni<Void> record(UUID sessionId, PresenceEvent event, String type, String payload, String outcome) {
        TimelineEntry entry = new TimelineEntry();
        entry.sessionId = sessionId;
        entry.eventId = event.eventId();
        entry.type = type;
        entry.room = event.room();
        entry.identity = event.identity();
        entry.occurredAt = event.occurredAt();
        entry.receivedAt = Instant.now();
        entry.outcome = outcome;
        entry.payload = payload;
        return timeline.persist(entry).replaceWithVoid();
    }

    /** True the first time an event id is seen; waits for a concurrent transaction holding the same id. */
    private Uni<Boolean> markProcessed(String eventId) {
        return Panache.getSession().chain(s -> s
                .createNativeQuery("INSERT INTO processed_events (event_id, processed_at) VALUES (?1, now()) ON CONFLICT DO NOTHING")
                .setParameter(1, eventId)
                .executeUpdate()
                .map(inserted -> inserted == 1));
    }

    private String toJson(SessionView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise snapshot of " + view.sessionId(), e);
        }
    }
}
