package dev.rendezvous.presence.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.kernel.wire.ParticipantEvent;
import dev.rendezvous.presence.config.WebhookConfig;
import dev.rendezvous.presence.service.ParticipantEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * Publishes participant events to {@code participant-events} (key = session id, CloudEvents id =
 * LiveKit's event id) and completes only once the broker has acknowledged the record, or fails
 * after a bound so the webhook can be answered 503 and LiveKit retries.
 */
@ApplicationScoped
public class ParticipantEventPublisher implements ParticipantEvents {

    private static final URI SOURCE = URI.create("/rendezvous/presence-service");

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Duration ackTimeout;

    public ParticipantEventPublisher(@Channel("participant-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
                                     MutinyEmitter<String> emitter, ObjectMapper json, MeterRegistry registry,
                                     WebhookConfig config) {
        this.emitter = emitter;
        this.json = json;
        this.registry = registry;
        this.ackTimeout = config.ackTimeout();
    }

    @Override
    public Uni<Void> publish(ParticipantEvent event) {
        Message<String> message = Message.of(toJson(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.eventId())
                        .withType(event.type())
                        .withSource(SOURCE)
                        .withSubject(event.room())
                        .withTimestamp(event.receivedAt().atZone(ZoneOffset.UTC))
                        .build());
        Timer.Sample sample = Timer.start(registry);
        return Uni.createFrom().deferred(() -> emitter.sendMessage(message))
                .ifNoItem().after(ackTimeout).failWith(() -> new Unavailable(
                        "Kafka did not acknowledge the record within " + ackTimeout.toMillis() + " ms"))
                .onFailure().transform(e -> e instanceof Unavailable ? e
                        : new Unavailable("Kafka refused the record: " + e.getMessage()))
                .invoke(() -> sample.stop(Timer.builder("rendezvous.kafka.ack.latency").description("webhook record sent to its Kafka ack")
                        .publishPercentileHistogram().register(registry)));
    }

    private String toJson(ParticipantEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event.eventId(), e);
        }
    }
}
