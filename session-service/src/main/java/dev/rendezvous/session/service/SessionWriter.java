package dev.rendezvous.session.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.kernel.wire.TokenEvent;
import dev.rendezvous.session.client.LiveKitRooms;
import dev.rendezvous.session.config.SessionConfig;
import dev.rendezvous.session.fold.SessionEvent;
import dev.rendezvous.session.fold.SessionFold;
import dev.rendezvous.session.fold.Verdict;
import dev.rendezvous.session.mapping.SessionMapper;
import dev.rendezvous.session.repository.FoldStatements;
import dev.rendezvous.session.repository.OutboxSignal;
import dev.rendezvous.session.repository.Session;
import dev.rendezvous.session.telemetry.SessionMdc;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one way session state is written: apply, commit, then publish. Whatever changes a session
 * (Kafka events, creation, an explicit end, expiry, reconciliation) comes through here, so every
 * change is folded once, lands in one transaction with its timeline and its outbox signal, and is
 * handed to the relay (and to this replica's streams) right after the commit. A whole batch of
 * events costs one transaction.
 */
@ApplicationScoped
public class SessionWriter {

    /** What applying one event did. */
    public enum Outcome { DUPLICATE, NO_SESSION, UNCHANGED, CHANGED }

    /** One event's outcome, with the snapshot it left (null without a session) and the fold's verdict (null for a duplicate). */
    public record Result(String eventId, Outcome outcome, SessionSnapshot view, Verdict verdict) {
    }

    private final Pool pool;
    private final FoldStatements statements;
    private final SignalRelay relay;
    private final SignalHub hub;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final BatchFold fold;
    private final LiveKitRooms rooms;
    /** What LiveKit reports only while a room exists with someone in it. */
    private static final Set<SessionEvent.Kind> REOPENING = Set.of(SessionEvent.Kind.JOINED, SessionEvent.Kind.ROOM_STARTED,
            SessionEvent.Kind.TRACK_PUBLISHED);
    private final Map<BatchFold.Milestone.Kind, Timer> timeTo = new EnumMap<>(BatchFold.Milestone.Kind.class);

    public SessionWriter(Pool pool, FoldStatements statements, SignalRelay relay, SignalHub hub, ObjectMapper json,
                         MeterRegistry registry, SessionConfig config, LiveKitRooms rooms) {
        this.pool = pool;
        this.rooms = rooms;
        this.statements = statements;
        this.relay = relay;
        this.hub = hub;
        this.json = json;
        this.registry = registry;
        this.fold = new BatchFold(new SessionFold(config.requiredMedia(), config.timeouts()), this::toJson);
        // From the arrival of the join that made a session READY to it getting there (docs/operations.md, "Metrics").
        timeTo.put(BatchFold.Milestone.Kind.READY, Timer.builder("rendezvous.session.time.to.ready")
                .description("from the second join's arrival to READY").publishPercentileHistogram().register(registry));
        timeTo.put(BatchFold.Milestone.Kind.MEDIA_READY, Timer.builder("rendezvous.session.time.to.media.ready")
                .description("from the second join's arrival to both publishing camera and microphone")
                .publishPercentileHistogram().register(registry));
        timeTo.put(BatchFold.Milestone.Kind.SEEN_AND_HEARD, Timer.builder("rendezvous.session.time.to.seen.and.heard")
                .description("from the second join's arrival to both pages playing the other's video and sound")
                .publishPercentileHistogram().register(registry));
    }

    /**
     * Folds the events, in the order given, in one transaction; a failure rolls back all of them.
     * Returns one result per event, in the same order.
     */
    public Uni<List<Result>> apply(List<Envelope> events) {
        Timer.Sample sample = Timer.start(registry);
        List<BatchFold.Milestone> milestones = new ArrayList<>();
        return thenPublish(pool.withTransaction(conn -> applyIn(conn, events, milestones)), results -> results.stream()
                .filter(r -> r.outcome() == Outcome.CHANGED).map(r -> r.view().sessionId()).collect(Collectors.toSet()))
                .invoke(results -> {
                    for (int i = 0; i < events.size(); i++) {
                        String type = events.get(i).event().kind().type();
                        if (results.get(i).outcome() == Outcome.DUPLICATE) {
                            registry.counter("rendezvous.events.duplicates", "type", type).increment();
                        } else {
                            registry.counter("rendezvous.events.folded", "type", type).increment();
                        }
                    }
                    removeReappearedRooms(events, results);
                    milestones.forEach(this::record);
                    sample.stop(Timer.builder("rendezvous.fold.latency").description("a batch folded and committed")
                            .publishPercentileHistogram().register(registry));
                    results.stream().filter(r -> r.outcome() == Outcome.CHANGED).forEach(r -> {
                        try (var mdc = SessionMdc.of(r.view().sessionId(), r.eventId())) {
                            Log.infof("Session %s v%d %s (%s)", r.view().sessionId(), r.view().version(), r.view().status(), r.eventId());
                        }
                        // This replica's own streams hear of the change at once, not only back through
                        // Kafka: they stay right while session-signals is away (streams skip versions seen).
                        hub.publish(r.view());
                    });
                });
    }

    /**
     * Ended means closed: an event that says someone is in the room of an ended session (a token minted
     * before the end, a LiveKit that creates rooms on join) gets that room removed again.
     */
    private void removeReappearedRooms(List<Envelope> events, List<Result> results) {
        for (int i = 0; i < events.size(); i++) {
            Result result = results.get(i);
            if (result.verdict() == Verdict.SESSION_ENDED && REOPENING.contains(events.get(i).event().kind())) {
                rooms.removeReappeared(RoomName.of(result.view().sessionId()).value());
            }
        }
    }

    /** Folds one event on its own. */
    public Uni<Result> apply(Envelope event) {
        return apply(List.of(event)).map(results -> results.get(0));
    }

    /** Creates a session (version 1, WAITING) with its "created" signal. */
    public Uni<SessionSnapshot> create(Session session) {
        SessionSnapshot view = SessionMapper.toSnapshot(session);
        OutboxSignal created = fold.signal(view, SessionStatus.CREATED, Instant.now());
        // One statement writes the session and its signal, and commits on its own: no BEGIN and COMMIT
        // round trips around it, which are most of a creation's time in the database.
        return thenPublish(pool.withConnection(conn -> statements.insertSession(conn, session, created)).replaceWith(view),
                v -> Set.of(v.sessionId()));
    }

    /**
     * Creates a session under a backend's idempotency key, as {@link #create(Session)} does, unless the
     * key was used before: then nothing is written and the answer names what the key was first used for.
     */
    public Uni<KeyedCreation> create(Session session, String caller, String key) {
        SessionSnapshot view = SessionMapper.toSnapshot(session);
        OutboxSignal created = fold.signal(view, SessionStatus.CREATED, Instant.now());
        return thenPublish(pool.withConnection(conn -> statements.insertSessionOnce(conn, session, created, caller, key)
                        .chain(fresh -> fresh ? Uni.createFrom().item(new KeyedCreation(view, null))
                                : statements.keyedSession(conn, caller, key).map(earlier -> new KeyedCreation(null, earlier)))),
                c -> c.created() == null ? Set.of() : Set.of(c.created().sessionId()));
    }

    /** Either the session just created, or what the idempotency key was first used for. */
    public record KeyedCreation(SessionSnapshot created, FoldStatements.KeyedSession earlier) {
    }

    /**
     * The write path end to end — a creation, then a batch of events folded — in one transaction that
     * is rolled back: the warm-up runs it so the statements, the fold, the timeline and the signals'
     * JSON are compiled (and the statements prepared) before readiness turns UP. Nothing is kept,
     * nothing published, nothing counted.
     */
    public Uni<Void> rehearse(Session session, List<Envelope> events) {
        OutboxSignal created = fold.signal(SessionMapper.toSnapshot(session), SessionStatus.CREATED, Instant.now());
        return pool.withConnection(conn -> conn.begin().chain(tx -> statements.insertSession(conn, session, created)
                .chain(() -> applyIn(conn, events, new ArrayList<>()))
                .eventually(tx::rollback))).replaceWithVoid();
    }

    /** The write path's one shape: once the work has committed, the sessions it signalled go to the relay. */
    private <T> Uni<T> thenPublish(Uni<T> committed, Function<T, Set<UUID>> signalled) {
        return committed.invoke(result -> relay.publishSoon(signalled.apply(result)));
    }

    /**
     * Two round trips and the commit, whatever the batch's size: the reads go out together and the
     * writes go out together (the connection pipelines them; the server runs them in the order sent,
     * so the sids are read after the sessions are locked).
     */
    private Uni<List<Result>> applyIn(SqlConnection conn, List<Envelope> events, List<BatchFold.Milestone> milestones) {
        // A redelivered batch can hold the same event twice: the first counts, the others are duplicates.
        Map<String, Envelope> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.event().eventId(), e));
        // Every session the batch names is locked, a duplicate's too: that costs nothing, and it lets the
        // lock go out with the deduplication instead of waiting for its answer.
        Set<UUID> named = unique.values().stream().map(Envelope::sessionId).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
        return Uni.combine().all().unis(statements.markProcessed(conn, new ArrayList<>(unique.keySet())),
                        statements.lockSessions(conn, named), statements.participants(conn, named)).asTuple()
                .chain(read -> {
                    Set<String> freshIds = read.getItem1();
                    List<Envelope> fresh = unique.values().stream().filter(e -> freshIds.contains(e.event().eventId())).toList();
                    BatchFold.Writes writes = fold.apply(fresh, read.getItem2(), read.getItem3(), Instant.now());
                    return Uni.combine().all().unis(statements.insertTimeline(conn, writes.timeline()),
                                    statements.upsertParticipants(conn, writes.participants()),
                                    statements.updateSessions(conn, writes.sessions(), writes.members()),
                                    statements.insertSignals(conn, writes.signals())).discardItems()
                            .map(done -> {
                                milestones.addAll(writes.milestones());
                                return results(events, freshIds, writes.applied());
                            });
                });
    }

    /** A time-to histogram, counted once the batch has committed. */
    private void record(BatchFold.Milestone milestone) {
        timeTo.get(milestone.kind()).record(milestone.took());
    }

    /** Results in the order of the events given; an id already seen (in the database or earlier in the batch) is a duplicate. */
    private List<Result> results(List<Envelope> events, Set<String> freshIds, List<Result> applied) {
        Map<String, Result> byId = new LinkedHashMap<>();
        applied.forEach(a -> byId.put(a.eventId(), a));
        Set<String> reported = new HashSet<>();
        List<Result> results = new ArrayList<>(events.size());
        for (Envelope e : events) {
            String id = e.event().eventId();
            boolean first = freshIds.contains(id) && reported.add(id);
            results.add(first ? byId.get(id) : new Result(id, Outcome.DUPLICATE, null, null));
        }
        return results;
    }

    /**
     * Records minted tokens: the latest per session and role and how many, in one statement that commits
     * on its own (no lock: tokens change no state). A token of an unknown session is dropped.
     */
    public Uni<Void> recordTokens(List<TokenEvent> tokens) {
        // A redelivered poll can hold the same mint twice: it is counted once.
        Map<String, TokenEvent> unique = new LinkedHashMap<>();
        tokens.forEach(t -> unique.putIfAbsent(t.eventId(), t));
        return unique.isEmpty() ? Uni.createFrom().voidItem()
                : pool.withConnection(conn -> statements.upsertTokens(conn, List.copyOf(unique.values())));
    }

    private String toJson(SessionSnapshot view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise snapshot of " + view.sessionId(), e);
        }
    }
}
