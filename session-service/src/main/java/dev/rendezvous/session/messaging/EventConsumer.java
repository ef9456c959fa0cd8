package dev.rendezvous.session.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.kernel.Names;
import dev.rendezvous.kernel.wire.ParticipantEvent;
import dev.rendezvous.kernel.wire.SessionDeadline;
import dev.rendezvous.kernel.wire.TokenEvent;
import dev.rendezvous.session.fold.SessionEvent;
import dev.rendezvous.session.mapping.EventMapper;
import dev.rendezvous.session.repository.DatabaseFailures;
import dev.rendezvous.session.repository.DatabaseProbe;
import dev.rendezvous.session.service.Envelope;
import dev.rendezvous.session.service.SessionWriter;
import dev.rendezvous.session.telemetry.SessionMdc;
import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Consumes {@code participant-events} and {@code token-events} at least once. The polls that arrive
 * while a fold runs are folded together in the next one ({@link FoldQueue}): each partition's share
 * in one transaction, the partitions side by side, and the offsets are committed only after they all
 * commit (each poll is acknowledged then). A database outage is retried without end: the partitions
 * wait, nothing is skipped, and readiness says which partition waits ({@link FoldProgress}). Any other
 * failure is retried a few times, then, if the database takes writes (else it is an outage after all),
 * the batch's records are folded one by one, so only the record that fails goes to the dead-letter
 * topic and its neighbours still fold; a record the database refuses goes there at once. A record that
 * cannot be read goes there alone as well. {@link DeadLetterReplay} sends set-aside records back.
 */
@ApplicationScoped
public class EventConsumer {

    /** Polls that wait for the next transaction before the consumer is held back (each at most max.poll.records). */
    private static final int POLLS_WAITING = 8;
    /** Tries of a failure that is neither an outage nor refused data (a fault of ours, say) before the record is set aside. */
    static final int ATTEMPTS_OF_UNKNOWN_FAILURES = 4;
    /** How long a partition waits before trying again once the database said it takes no writes. */
    private static final Duration OUTAGE_PAUSE = Duration.ofSeconds(2);

    private final SessionWriter writer;
    private final DeadLetters deadLetters;
    private final DatabaseProbe probe;
    private final DeadlineSignature signature;
    private final ObjectMapper json;
    private final FoldTracing tracing;
    private final FoldProgress progress;
    private final FoldQueue<Poll<Envelope>> participantPolls;
    private final FoldQueue<Poll<TokenEvent>> tokenPolls;

    public EventConsumer(SessionWriter writer, DeadLetters deadLetters, DatabaseProbe probe, DeadlineSignature signature,
                         ObjectMapper json, FoldTracing tracing, FoldProgress progress) {
        this.signature = signature;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.probe = probe;
        this.json = json;
        this.tracing = tracing;
        this.progress = progress;
        this.participantPolls = new FoldQueue<>(polls -> fold("participant-events", polls, writer::apply), POLLS_WAITING);
        this.tokenPolls = new FoldQueue<>(polls -> fold("token-events", polls, writer::recordTokens), POLLS_WAITING);
    }

    @Incoming("participant-events")
    public Uni<Void> onParticipantEvents(KafkaRecordBatch<String, String> batch) {
        return participantPolls.offer(read(batch, this::participantEvent));
    }

    @Incoming("token-events")
    public Uni<Void> onTokenEvents(KafkaRecordBatch<String, String> batch) {
        return tokenPolls.offer(read(batch, this::tokenEvent));
    }

    /** How a record becomes what is folded: empty to skip it, an exception to dead-letter it; spans opened go in {@code folds}. */
    private interface Reader<T> {
        Optional<T> read(KafkaRecord<String, String> record, List<Span> folds) throws Exception;
    }

    /**
     * One poll, read: its items with their records, in record order, what could not be read, and the
     * spans of the items' folds (ended once the poll is acknowledged).
     */
    private record Poll<T>(KafkaRecordBatch<String, String> batch, List<KafkaRecord<String, String>> records, List<T> items,
                           Map<KafkaRecord<String, String>, Exception> unreadable, List<Span> folds) {
    }

    private <T> Poll<T> read(KafkaRecordBatch<String, String> batch, Reader<T> reader) {
        Poll<T> poll = new Poll<>(batch, new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>(), new ArrayList<>());
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                Optional<T> item = reader.read(record, poll.folds());
                if (item.isPresent()) {
                    poll.records().add(record);
                    poll.items().add(item.get());
                }
            } catch (Exception e) {
                poll.unreadable().put(record, e);
            }
        }
        return poll;
    }

    /**
     * Folds polls together and acknowledges them after the commit. A partition's records in order,
     * partitions side by side: no session spans two partitions (key = session id), so their
     * transactions never wait on each other and share the commit's disk flush.
     */
    private <T> Uni<Void> fold(String channel, List<Poll<T>> polls, Function<List<T>, Uni<?>> apply) {
        Map<Integer, List<T>> items = new TreeMap<>();
        Map<Integer, List<KafkaRecord<String, String>>> records = new TreeMap<>();
        Uni<Void> unreadable = Uni.createFrom().voidItem();
        for (Poll<T> poll : polls) {
            for (int i = 0; i < poll.records().size(); i++) {
                int partition = poll.records().get(i).getPartition();
                items.computeIfAbsent(partition, p -> new ArrayList<>()).add(poll.items().get(i));
                records.computeIfAbsent(partition, p -> new ArrayList<>()).add(poll.records().get(i));
            }
            for (Map.Entry<KafkaRecord<String, String>, Exception> e : poll.unreadable().entrySet()) {
                unreadable = unreadable.chain(() -> deadLetters.send(channel, e.getKey(), e.getValue()));
            }
        }
        List<Uni<Void>> partitions = items.keySet().stream().map(p -> applyWithRetry(channel, p, items.get(p), apply)
                .onFailure().recoverWithUni(refused -> oneByOne(channel, p, items.get(p), records.get(p), apply))).toList();
        Uni<Void> folded = unreadable.chain(() -> partitions.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(partitions).andFailFast().replaceWithVoid());
        for (Poll<T> poll : polls) {
            folded = folded.chain(() -> Uni.createFrom().completionStage(poll.batch().ack()));
        }
        return folded.onTermination().invoke(() -> polls.forEach(poll -> poll.folds().forEach(Span::end)));
    }

    /** Some record of the batch cannot be folded: each record alone, the ones that fail to the dead-letter topic. */
    private <T> Uni<Void> oneByOne(String channel, int partition, List<T> items, List<KafkaRecord<String, String>> records,
                                   Function<List<T>, Uni<?>> apply) {
        Log.warnf("A batch of %d %s could not be folded; folding them one by one", items.size(), channel);
        return Multi.createFrom().range(0, items.size())
                .onItem().transformToUniAndConcatenate(i -> applyWithRetry(channel, partition, List.of(items.get(i)), apply)
                        .onFailure().recoverWithUni(e -> deadLetters.send(channel, records.get(i), e)))
                .collect().last().replaceWithVoid();
    }

    /**
     * An outage is waited out, however long (readiness reports the partition stuck meanwhile); refused
     * data fails at once; anything else is tried {@value #ATTEMPTS_OF_UNKNOWN_FAILURES} times and then
     * counts as the records' fault only if the database takes writes right now. If it does not, that
     * was an outage nobody named (a failover, a proxy): the partition waits and tries again.
     */
    private <T> Uni<Void> applyWithRetry(String channel, int partition, List<T> items, Function<List<T>, Uni<?>> apply) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> apply.apply(items)).replaceWithVoid()
                .onFailure().invoke(e -> {
                    progress.failing(channel, partition, e);
                    Log.warnf("Folding %d item(s) of %s-%d failed: %s", items.size(), channel, partition, e.getMessage());
                })
                .onFailure(DatabaseFailures::unavailable).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely()
                .onFailure(e -> !DatabaseFailures.refusedData(e)).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .atMost(ATTEMPTS_OF_UNKNOWN_FAILURES - 1)
                .onFailure(e -> !DatabaseFailures.refusedData(e)).recoverWithUni(e -> probe.acceptsWrites().chain(writable -> {
                    if (writable) {
                        return Uni.createFrom().failure(e);
                    }
                    Log.warnf("%s-%d waits: the database takes no writes (%s)", channel, partition, e.getMessage());
                    return Uni.createFrom().voidItem().onItem().delayIt().by(OUTAGE_PAUSE)
                            .chain(() -> applyWithRetry(channel, partition, items, apply));
                }))
                .onTermination().invoke(() -> progress.moving(channel, partition));
    }

    /** A webhook's record (or a deadline session-service wrote to the session's partition) as an event to fold. */
    private Optional<Envelope> participantEvent(KafkaRecord<String, String> record, List<Span> folds) throws Exception {
        String payload = record.getPayload();
        ParticipantEvent event = json.readValue(payload, ParticipantEvent.class);
        Envelope envelope;
        if (SessionDeadline.TYPE.equals(event.type())) {
            // Only a deadline this service wrote may end a session: anyone else's is against the contract.
            if (!signature.signed(payload, SignalHeaders.text(record.getHeaders(), DeadlineSignature.HEADER))) {
                throw new IllegalArgumentException("a deadline record session-service did not sign");
            }
            SessionDeadline deadline = json.readValue(payload, SessionDeadline.class);
            envelope = new Envelope(Names.sessionIdOrNull(deadline.sessionId()), EventMapper.of(deadline), payload);
        } else {
            Optional<SessionEvent> folded = EventMapper.of(event);
            if (folded.isEmpty()) {
                try (var mdc = SessionMdc.of(event.sessionId(), event.eventId())) {
                    Log.warnf("Skipping participant event of unknown type %s (id %s)", event.type(), event.eventId());
                }
                return Optional.empty();
            }
            envelope = new Envelope(Names.sessionIdOrNull(event.sessionId()), folded.get(), payload).receivedAt(event.receivedAt());
        }
        Span fold = tracing.startFold(record, envelope);
        folds.add(fold);
        return Optional.of(FoldTracing.traced(envelope, fold));
    }

    private Optional<TokenEvent> tokenEvent(KafkaRecord<String, String> record, List<Span> folds) throws Exception {
        TokenEvent event = json.readValue(record.getPayload(), TokenEvent.class);
        if (event.eventId() == null || event.issuedAt() == null) {
            throw new IllegalArgumentException("token event without eventId or issuedAt");
        }
        return Optional.of(event);
    }
}
