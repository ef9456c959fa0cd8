package dev.rendezvous.session.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.session.SessionMdc;
import dev.rendezvous.session.fold.PresenceEvent;
import dev.rendezvous.session.fold.Role;
import dev.rendezvous.session.SessionIds;
import dev.rendezvous.session.repository.DatabaseFailures;
import dev.rendezvous.session.service.SessionEvent;
import dev.rendezvous.session.service.SessionWriter;
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
import java.util.TreeMap;

/**
 * Consumes {@code participant-events} and {@code token-events} at least once. The polls that arrive
 * while a fold runs are folded together in the next one ({@link FoldQueue}): each partition's share
 * in one transaction, the partitions side by side, and the offsets are committed only after they all
 * commit (each poll is acknowledged then). A database outage is retried without end: the partitions
 * wait, nothing is skipped, and readiness says which partition waits ({@link FoldProgress}). Any other
 * failure is retried a few times, then the batch's records are folded one by one, so only the record
 * that fails goes to the dead-letter topic and its neighbours still fold; a record the database refuses
 * goes there at once. A record that cannot be read goes there alone as well.
 */
@ApplicationScoped
public class EventConsumer {

    /** Polls that wait for the next transaction before the consumer is held back (each at most max.poll.records). */
    private static final int POLLS_WAITING = 8;
    /** Tries of a failure that is neither an outage nor refused data (a fault of ours, say) before the record is set aside. */
    static final int ATTEMPTS_OF_UNKNOWN_FAILURES = 4;

    private final SessionWriter writer;
    private final DeadLetters deadLetters;
    private final ObjectMapper json;
    private final FoldQueue<Poll> participantPolls;
    private final FoldQueue<Poll> tokenPolls;
    private final FoldTracing tracing;
    private final FoldProgress progress;

    public EventConsumer(SessionWriter writer, DeadLetters deadLetters, ObjectMapper json, FoldTracing tracing,
                         FoldProgress progress) {
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.json = json;
        this.tracing = tracing;
        this.progress = progress;
        this.participantPolls = new FoldQueue<>(polls -> fold("participant-events", polls), POLLS_WAITING);
        this.tokenPolls = new FoldQueue<>(polls -> fold("token-events", polls), POLLS_WAITING);
    }

    @Incoming("participant-events")
    public Uni<Void> onParticipantEvents(KafkaRecordBatch<String, String> batch) {
        return participantPolls.offer(read(batch, this::participantEvent));
    }

    @Incoming("token-events")
    public Uni<Void> onTokenEvents(KafkaRecordBatch<String, String> batch) {
        return tokenPolls.offer(read(batch, this::tokenEvent));
    }

    /** How a record becomes an event: null to skip it, an exception to dead-letter it. */
    private interface Reader {
        SessionEvent read(String payload) throws Exception;
    }

    /**
     * One poll, read: its events with their records, in record order, what could not be read, and the
     * spans of the events' folds (ended once the poll is acknowledged).
     */
    private record Poll(KafkaRecordBatch<String, String> batch, List<KafkaRecord<String, String>> records,
                        List<SessionEvent> events, Map<KafkaRecord<String, String>, Exception> unreadable, List<Span> folds) {
    }

    private Poll read(KafkaRecordBatch<String, String> batch, Reader reader) {
        Poll poll = new Poll(batch, new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>(), new ArrayList<>());
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                SessionEvent event = reader.read(record.getPayload());
                if (event != null) {
                    Span fold = tracing.startFold(record, event);
                    poll.folds().add(fold);
                    poll.records().add(record);
                    poll.events().add(FoldTracing.traced(event, fold));
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
    private Uni<Void> fold(String channel, List<Poll> polls) {
        Map<Integer, List<SessionEvent>> events = new TreeMap<>();
        Map<Integer, List<KafkaRecord<String, String>>> records = new TreeMap<>();
        Uni<Void> unreadable = Uni.createFrom().voidItem();
        for (Poll poll : polls) {
            for (int i = 0; i < poll.records().size(); i++) {
                int partition = poll.records().get(i).getPartition();
                events.computeIfAbsent(partition, p -> new ArrayList<>()).add(poll.events().get(i));
                records.computeIfAbsent(partition, p -> new ArrayList<>()).add(poll.records().get(i));
            }
            for (Map.Entry<KafkaRecord<String, String>, Exception> e : poll.unreadable().entrySet()) {
                unreadable = unreadable.chain(() -> deadLetters.send(channel, e.getKey(), e.getValue()));
            }
        }
        List<Uni<Void>> partitions = events.keySet().stream().map(p -> applyWithRetry(channel, p, events.get(p)).replaceWithVoid()
                .onFailure().recoverWithUni(refused -> oneByOne(channel, p, events.get(p), records.get(p)))).toList();
        Uni<Void> folded = unreadable.chain(() -> partitions.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(partitions).andFailFast().replaceWithVoid());
        for (Poll poll : polls) {
            folded = folded.chain(() -> Uni.createFrom().completionStage(poll.batch().ack()));
        }
        return folded.onTermination().invoke(() -> polls.forEach(poll -> poll.folds().forEach(Span::end)));
    }

    /** Some record of the batch cannot be folded: each record alone, the ones that fail to the dead-letter topic. */
    private Uni<Void> oneByOne(String channel, int partition, List<SessionEvent> events, List<KafkaRecord<String, String>> records) {
        Log.warnf("A batch of %d %s could not be folded; folding them one by one", events.size(), channel);
        return Multi.createFrom().range(0, events.size())
                .onItem().transformToUniAndConcatenate(i -> applyWithRetry(channel, partition, List.of(events.get(i)))
                        .onFailure().recoverWithUni(e -> deadLetters.send(channel, records.get(i), e).replaceWith(List.of())))
                .collect().last().replaceWithVoid();
    }

    /**
     * An outage is waited out, however long (readiness reports the partition stuck meanwhile); refused
     * data fails at once; anything else is tried {@value #ATTEMPTS_OF_UNKNOWN_FAILURES} times.
     */
    private Uni<List<SessionWriter.Result>> applyWithRetry(String channel, int partition, List<SessionEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.createFrom().deferred(() -> writer.apply(events))
                .onFailure().invoke(e -> {
                    progress.failing(channel, partition, e);
                    Log.warnf("Folding %d event(s) of %s-%d failed: %s", events.size(), channel, partition, e.getMessage());
                })
                .onFailure(DatabaseFailures::unavailable).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely()
                .onFailure(e -> !DatabaseFailures.refusedData(e)).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .atMost(ATTEMPTS_OF_UNKNOWN_FAILURES - 1)
                .onTermination().invoke(() -> progress.moving(channel, partition));
    }

    private SessionEvent participantEvent(String payload) throws Exception {
        ParticipantEvent event = json.readValue(payload, ParticipantEvent.class);
        PresenceEvent presence = event.toPresenceEvent();
        if (presence == null || event.eventId() == null) {
            try (var mdc = SessionMdc.of(event.sessionId(), event.eventId())) {
                Log.warnf("Skipping participant event of unknown type %s (id %s)", event.type(), event.eventId());
            }
            return null;
        }
        return new SessionEvent(SessionIds.sessionIdOrNull(event.sessionId()), presence, payload)
                .receivedAt(event.receivedAt());
    }

    private SessionEvent tokenEvent(String payload) throws Exception {
        TokenEvent event = json.readValue(payload, TokenEvent.class);
        if (event.eventId() == null) {
            throw new IllegalArgumentException("token event without eventId");
        }
        PresenceEvent presence = PresenceEvent.tokenIssued(event.eventId(), event.room(), event.identity(),
                Role.fromWire(event.role()).orElse(null), event.userId(), event.issuedAt(), event.expiresAt());
        return new SessionEvent(SessionIds.sessionIdOrNull(event.sessionId()), presence, payload);
    }
}
