package dev.rendezvous.session.messaging;

import dev.rendezvous.session.telemetry.SessionMdc;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends a record this service cannot fold to {@code <topic>-dlq}, alone: the rest of its batch is
 * folded. Same key, value and headers, plus the {@code dead-letter-*} headers SmallRye's own
 * dead-letter queue writes, so tooling that reads those works on these too.
 */
@ApplicationScoped
public class DeadLetters {

    private final MutinyEmitter<String> participantEvents;
    private final MutinyEmitter<String> tokenEvents;
    private final MeterRegistry registry;

    public DeadLetters(@Channel("participant-events-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
                       MutinyEmitter<String> participantEvents,
                       @Channel("token-events-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
                       MutinyEmitter<String> tokenEvents, MeterRegistry registry) {
        this.participantEvents = participantEvents;
        this.tokenEvents = tokenEvents;
        this.registry = registry;
    }

    /** Completes once the dead-letter topic has the record; retried until it does, so nothing is skipped unseen. */
    public Uni<Void> send(String channel, KafkaRecord<String, String> record, Throwable reason) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
        try (var mdc = SessionMdc.of(record.getKey())) {
            Log.errorf("Record %s-%d@%d sent to the dead-letter topic: %s", record.getTopic(), record.getPartition(), offset,
                    reason.getMessage());
        }
        RecordHeaders headers = new RecordHeaders(record.getHeaders().toArray());
        headers.add("dead-letter-reason", bytes(String.valueOf(reason.getMessage())));
        headers.add("dead-letter-cause", bytes(reason.getClass().getName()));
        headers.add("dead-letter-topic", bytes(record.getTopic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.getPartition())));
        headers.add("dead-letter-offset", bytes(Long.toString(offset)));
        Message<String> message = Message.of(record.getPayload()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.getKey()).withHeaders(headers).build());
        MutinyEmitter<String> emitter = channel.startsWith("token") ? tokenEvents : participantEvents;
        return Uni.createFrom().deferred(() -> emitter.sendMessage(message))
                .onFailure().invoke(e -> Log.warnf("Dead-lettering failed, retrying: %s", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(() -> registry.counter("rendezvous.dead.letters", "topic", record.getTopic()).increment());
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
