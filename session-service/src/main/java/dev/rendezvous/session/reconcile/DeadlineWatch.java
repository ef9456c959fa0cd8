package dev.rendezvous.session.reconcile;

import dev.rendezvous.kernel.ParticipantKind;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.kernel.wire.SessionDeadline;
import dev.rendezvous.session.client.LiveKitRooms;
import dev.rendezvous.session.config.LiveKitConfig;
import dev.rendezvous.session.config.SessionConfig;
import dev.rendezvous.session.fold.Timeouts;
import dev.rendezvous.session.repository.SessionReads;
import dev.rendezvous.session.repository.Watchlist;
import dev.rendezvous.session.service.Partitions;
import dev.rendezvous.session.service.ScheduledRuns;
import dev.rendezvous.session.service.SessionDeadlines;
import dev.rendezvous.session.telemetry.SessionMdc;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import livekit.LivekitModels;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes time's changes happen, without anyone polling: a wait turning overdue, a session ending as
 * expired or abandoned. Each replica looks, every DEADLINE_CHECK_INTERVAL, only at the sessions of its
 * own partitions whose deadline has passed (indexed queries: the cost follows what is due). An end is
 * never decided here: when nobody is present, LiveKit is asked first; if it lists someone, the session
 * is reconciled (repaired) instead, and if it lists nobody a deadline goes to the session's partition,
 * where the fold applies it only after every event already recorded there, so a join on its way wins.
 */
@ApplicationScoped
public class DeadlineWatch {

    private static final int DUE_PER_CHECK = 500;
    /** A deadline sent is not sent again for this long: the fold has it, or will soon. */
    private static final Duration RESEND_AFTER = Duration.ofSeconds(30);

    private final Watchlist watchlist;
    private final SessionReads sessions;
    private final Partitions partitions;
    private final LiveKitRooms rooms;
    private final Reconciler reconciler;
    private final SessionDeadlines deadlines;
    private final MeterRegistry registry;
    private final Timeouts timeouts;
    private final Duration livekitTimeout;
    private final Map<UUID, Instant> sent = new ConcurrentHashMap<>();

    public DeadlineWatch(Watchlist watchlist, SessionReads sessions, Partitions partitions, LiveKitRooms rooms,
                         Reconciler reconciler, SessionDeadlines deadlines, MeterRegistry registry, SessionConfig config,
                         LiveKitConfig livekit) {
        this.watchlist = watchlist;
        this.sessions = sessions;
        this.partitions = partitions;
        this.rooms = rooms;
        this.reconciler = reconciler;
        this.deadlines = deadlines;
        this.registry = registry;
        this.timeouts = config.timeouts();
        this.livekitTimeout = livekit.timeout();
    }

    @Scheduled(every = "${rendezvous.session.deadline-check-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return ScheduledRuns.retriedNextRun("Checking deadlines", checkNow());
    }

    /** One look at this replica's sessions whose deadline has passed. */
    public Uni<Void> checkNow() {
        if (!partitions.ownsAny()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        sent.values().removeIf(at -> at.plus(RESEND_AFTER).isBefore(now));
        return watchlist.due(now, timeouts, DUE_PER_CHECK)
                .map(due -> due.stream().filter(d -> partitions.owns(d.sessionId()) && !sent.containsKey(d.sessionId())).toList())
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(d -> handle(d, now))
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> handle(Watchlist.Due due, Instant now) {
        if (!due.nobodyPresent()) {
            return send(due.sessionId(), now, false); // a wait turning overdue: LiveKit need not be asked
        }
        return rooms.listParticipants(RoomName.of(due.sessionId()).value()).ifNoItem().after(livekitTimeout).fail()
                .chain(listed -> nobodyPersonIn(listed) ? send(due.sessionId(), now, true) : repair(due.sessionId()))
                .onFailure().recoverWithItem(e -> {
                    registry.counter("rendezvous.deadlines.skipped").increment();
                    try (var mdc = SessionMdc.of(due.sessionId())) {
                        Log.warnf("No end on time for %s now: LiveKit could not be asked (%s)", due.sessionId(), e.getMessage());
                    }
                    return null;
                });
    }

    /**
     * Time may end a session whose room holds no person: an AI agent or a recorder left behind does not
     * keep a session nobody is in open for ever.
     */
    static boolean nobodyPersonIn(List<LivekitModels.ParticipantInfo> listed) {
        return listed == null || listed.stream().noneMatch(p -> ParticipantKind.fromWire(p.getKind().name()).isPerson());
    }

    /** LiveKit lists someone the fold does not have: the state is repaired, the session not ended. */
    private Uni<Void> repair(UUID sessionId) {
        registry.counter("rendezvous.deadlines.repaired").increment();
        try (var mdc = SessionMdc.of(sessionId)) {
            Log.infof("Session %s is past its deadline but LiveKit lists someone in its room: reconciling, not ending", sessionId);
        }
        return sessions.byId(sessionId).chain(session -> session == null ? Uni.createFrom().voidItem()
                : reconciler.reconcile(session).replaceWithVoid());
    }

    private Uni<Void> send(UUID sessionId, Instant now, boolean roomEmpty) {
        SessionDeadline deadline = new SessionDeadline("deadline:" + sessionId + ":" + now.toEpochMilli(), SessionDeadline.TYPE,
                sessionId.toString(), now, roomEmpty);
        return deadlines.send(deadline).invoke(() -> {
            sent.put(sessionId, now);
            registry.counter("rendezvous.deadlines.sent", "room", roomEmpty ? "empty" : "not-asked").increment();
        });
    }
}
