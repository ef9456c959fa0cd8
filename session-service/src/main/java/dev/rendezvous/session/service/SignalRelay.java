package dev.rendezvous.session.service;

import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.config.OutboxConfig;
import dev.rendezvous.session.repository.OutboxSignal;
import dev.rendezvous.session.repository.OutboxStatements;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Publishes the outbox to {@code session-signals}. Right after a commit, the writer hands over the
 * sessions it signalled; this replica publishes them in rounds (sessions that became due meanwhile
 * join the next round, so load makes rounds bigger, not more frequent): in one transaction it takes
 * the sessions' relay locks, reads every pending version in order, sends each session's versions one
 * after another (the sessions side by side) and stamps those acked. A sweep publishes what a crash or a
 * failed send left behind, on whichever replica gets the lock.
 */
@ApplicationScoped
public class SignalRelay {

    private static final int SESSIONS_PER_ROUND = 500;
    private static final int SIGNALS_PER_ROUND = 2000;
    private static final String READY = SessionStatus.READY.signalType();

    private final Signals signals;
    private final Pool pool;
    private final OutboxStatements outbox;
    private final MeterRegistry registry;
    private final Duration sweepAge;
    private final Duration linger;
    private final Timer readiness;
    private final Set<UUID> due = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean();

    public SignalRelay(Signals signals, Pool pool, OutboxStatements outbox, MeterRegistry registry, OutboxConfig config) {
        this.signals = signals;
        this.pool = pool;
        this.outbox = outbox;
        this.registry = registry;
        this.sweepAge = config.sweepAge();
        this.linger = config.relayLinger();
        this.readiness = Timer.builder("rendezvous.readiness.latency")
                .description("a join webhook received by presence-service to the READY it caused on session-signals")
                .publishPercentileHistogram().register(registry);
    }

    /**
     * Publishes the sessions' pending signals soon, in this replica's next round; never blocks. The
     * write path calls it right after a commit; the outbox keeps the signals until they are published,
     * so a relay that fails or a replica that dies loses nothing.
     */
    public void publishSoon(Collection<UUID> sessions) {
        if (!sessions.isEmpty()) {
            due.addAll(sessions);
            nextRound();
        }
    }

    private void nextRound() {
        if (due.isEmpty() || !running.compareAndSet(false, true)) {
            return;
        }
        if (linger.isZero()) {
            round();
        } else {
            // Commits that land meanwhile join this round: fewer, bigger rounds for the same signals.
            Uni.createFrom().voidItem().onItem().delayIt().by(linger).subscribe().with(nothing -> round());
        }
    }

    private void round() {
        List<UUID> round = new ArrayList<>();
        for (Iterator<UUID> it = due.iterator(); it.hasNext() && round.size() < SESSIONS_PER_ROUND; ) {
            round.add(it.next());
            it.remove();
        }
        publish(conn -> Uni.combine().all().unis(outbox.lock(conn, round), outbox.pending(conn, round, SIGNALS_PER_ROUND))
                // Sent together, so the read goes out with the lock instead of after its answer; the server
                // runs them in order, so the read waits for the locks.
                .asTuple().map(locked -> locked.getItem2())).subscribe().with(
                more -> {
                    if (more) {
                        due.addAll(round);
                    }
                    running.set(false);
                    nextRound();
                },
                failure -> {
                    // Left pending: the sweep publishes it once the broker or the database is back.
                    Log.warnf("Relaying the signals of %d session(s) failed, the sweep will retry: %s", round.size(), failure.getMessage());
                    running.set(false);
                    nextRound();
                });
    }

    /** The crash safety net: signals pending for longer than the sweep age, on whichever replica locks them first. */
    @Scheduled(every = "${rendezvous.outbox.poll-interval}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return ScheduledRuns.retriedNextRun("Sweeping the outbox", publish(conn -> outbox.lockStale(conn, sweepAge, SESSIONS_PER_ROUND)
                .chain(sessions -> outbox.pending(conn, sessions, SIGNALS_PER_ROUND))).replaceWithVoid());
    }

    /**
     * One round: lock the sessions and read their pending signals in order ({@code lockAndRead}), send all,
     * await acks, stamp. True if more were pending than one round takes.
     */
    private Uni<Boolean> publish(Function<SqlConnection, Uni<List<OutboxSignal>>> lockAndRead) {
        return pool.withTransaction(conn -> lockAndRead.apply(conn)
                .chain(signals -> sendAll(signals)
                        .chain(sent -> outbox.markPublished(conn, sent))
                        .replaceWith(signals.size() == SIGNALS_PER_ROUND)));
    }

    /**
     * Sends each session's signals one after another, a version only once the one before it is acked,
     * and the sessions side by side. A send that fails leaves that session's later versions unsent, so
     * whatever fails mid-round (the broker coming back between two sends), a later version never reaches
     * the topic before an earlier one. Returns the ids Kafka acked.
     */
    private Uni<List<Long>> sendAll(List<OutboxSignal> signals) {
        Map<UUID, List<OutboxSignal>> bySession = new LinkedHashMap<>();
        signals.forEach(s -> bySession.computeIfAbsent(s.sessionId, id -> new ArrayList<>()).add(s));
        List<Long> acked = new CopyOnWriteArrayList<>();
        List<Uni<Void>> sessions = bySession.values().stream().map(versions -> sendInOrder(versions, 0, acked)).toList();
        return sessions.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(sessions).andCollectFailures().replaceWith(() -> List.copyOf(acked));
    }

    private Uni<Void> sendInOrder(List<OutboxSignal> versions, int next, List<Long> acked) {
        if (next == versions.size()) {
            return Uni.createFrom().voidItem();
        }
        OutboxSignal signal = versions.get(next);
        return signals.send(signal)
                .invoke(() -> {
                    registry.counter("rendezvous.signals.published", "type", signal.type).increment();
                    recordReadiness(signal);
                    acked.add(signal.id);
                })
                .chain(() -> sendInOrder(versions, next + 1, acked))
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("Signal %s v%d not published yet, its later versions wait: %s", signal.sessionId, signal.version,
                            e.getMessage());
                    return null;
                });
    }

    /** For a READY a webhook caused: from presence-service receiving that webhook to the signal on session-signals. */
    private void recordReadiness(OutboxSignal signal) {
        if (READY.equals(signal.type) && signal.causeReceivedAt != null) {
            readiness.record(Duration.between(signal.causeReceivedAt, Instant.now()));
        }
    }
}
