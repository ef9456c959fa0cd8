package dev.rendezvous.token.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.kernel.wire.TokenEvent;
import dev.rendezvous.token.service.TokenEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.net.URI;
import java.time.ZoneOffset;

/**
 * Announces minted tokens on {@code token-events} without making minting wait: records queue in a
 * bounded buffer and the producer retries them while the broker is away; what is finally dropped
 * (buffer full, or delivery timed out) is counted in {@code rendezvous.token.events.dropped}.
 */
@ApplicationScoped
public class TokenEventPublisher implements TokenEvents {

    private static final URI SOURCE = URI.create("/rendezvous/token-service");

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;
    private final Counter dropped;
    private final Counter published;

    public TokenEventPublisher(@Channel("token-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1000)
                               MutinyEmitter<String> emitter, ObjectMapper json, MeterRegistry registry) {
        this.emitter = emitter;
        this.json = json;
        this.dropped = registry.counter("rendezvous.token.events.dropped");
        this.published = registry.counter("rendezvous.token.events.published");
    }

    @Override
    public void publish(TokenEvent event) {
        Message<String> message = Message.of(toJson(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.sessionId()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.eventId())
                        .withType(TokenEvent.ISSUED)
                        .withSource(SOURCE)
                        .withSubject(event.sessionId())
                        .withTimestamp(event.issuedAt().atZone(ZoneOffset.UTC))
                        .build());
        try {
            emitter.sendMessage(message).subscribe().with(
                    ok -> published.increment(),
                    failure -> drop(event, failure));
        } catch (RuntimeException overflow) {
            drop(event, overflow);
        }
    }

    private void drop(TokenEvent event, Throwable cause) {
        dropped.increment();
        Log.errorf("token.issued for %s (%s) dropped: %s", event.identity(), event.sessionId(), cause.getMessage());
    }

    private String toJson(TokenEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
