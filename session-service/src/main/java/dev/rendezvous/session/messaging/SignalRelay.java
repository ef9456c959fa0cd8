package dev.rendezvous.session.messaging;

import dev.rendezvous.session.OutboxSignal;
import dev.rendezvous.session.repository.OutboxRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the outbox to {@code session-signals} in order, stamping each row once Kafka has it.
 * Runs right after every commit that wrote a signal and, as a safety net for crashes, on a timer.
 * One relay at a time across all replicas (a PostgreSQL advisory lock), so per-session order holds.
 */
@ApplicationScoped
public class SignalRelay {

    private static final long LOCK_ID = 0x52656e64657aL; // "Rendez"
    private static final int BATCH = 100;
    private static final URI SOURCE = URI.create("/rendezvous/session-service");

    private final MutinyEmitter<String> emitter;
    private final OutboxRepository outbox;
    private final MeterRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public SignalRelay(@Channel("session-signals") MutinyEmitter<String> emitter, OutboxRepository outbox,
                       MeterRegistry registry) {
        this.emitter = emitter;
        this.outbox = outbox;
        this.registry = registry;
    }

    /** Publishes what is pending; if a relay is already running here, it runs once more instead. */
    public Uni<Void> publishPending() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        again.set(false);
        return drain()
                .onFailure().invoke(e -> Log.warnf("Relaying session signals failed, will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .eventually(() -> running.set(false))
                .chain(() -> again.getAndSet(false) ? publishPending() : Uni.createFrom().voidItem());
    }

    @Scheduled(every = "${rendezvous.outbox.poll-interval:1s}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return publishPending();
    }

    private Uni<Void> drain() {
        return Panache.withTransaction(this::publishBatch)
                .chain(published -> published == BATCH ? drain() : Uni.createFrom().voidItem());
    }

    private Uni<Integer> publishBatch() {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)", Boolean.class)
                        .setParameter(1, LOCK_ID).getSingleResult())
                .chain(locked -> locked ? outbox.listPending(BATCH).chain(rows -> publishInOrder(rows, 0))
                        : Uni.createFrom().item(0));
    }

    /** Publishes rows[from..] one after another, stopping at the first failure; returns how many went out. */
    private Uni<Integer> publishInOrder(List<OutboxSignal> rows, int from) {
        if (from == rows.size()) {
            return Uni.createFrom().item(from);
        }
        OutboxSignal signal = rows.get(from);
        return send(signal)
                .invoke(() -> {
                    signal.publishedAt = Instant.now();
                    registry.counter("rendezvous.signals.published", "type", signal.type).increment();
                })
                .chain(() -> publishInOrder(rows, from + 1))
                .onFailure().recoverWithUni(e -> {
                    Log.warnf("Signal %s v%d not published yet: %s", signal.sessionId, signal.version, e.getMessage());
                    return Uni.createFrom().item(from);
                });
    }

    private Uni<Void> send(OutboxSignal signal) {
        Message<String> message = Message.of(signal.payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(signal.sessionId.toString()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(signal.sessionId + ":" + signal.version)
                        .withType(signal.type)
                        .withSource(SOURCE)
                        .withSubject(signal.sessionId.toString())
                        .withTimestamp(signal.createdAt.atZone(ZoneOffset.UTC))
                        .build());
        return emitter.sendMessage(message).ifNoItem().after(Duration.ofSeconds(10)).fail();
    }
}
