package dev.rendezvous.session.messaging;

import org.apache.kafka.common.header.internals.RecordHeaders;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.kernel.wire.SessionDeadline;
import dev.rendezvous.session.service.SessionDeadlines;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.net.URI;
import java.time.ZoneOffset;

/** Writes a session's deadline to participant-events, keyed by the session id: its partition, behind its webhooks. */
@ApplicationScoped
public class DeadlinePublisher implements SessionDeadlines {

    private static final URI SOURCE = URI.create("/rendezvous/session-service");

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;
    private final DeadlineSignature signature;

    public DeadlinePublisher(@Channel("session-deadlines") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
                             MutinyEmitter<String> emitter, ObjectMapper json, DeadlineSignature signature) {
        this.emitter = emitter;
        this.json = json;
        this.signature = signature;
    }

    @Override
    public Uni<Void> send(SessionDeadline deadline) {
        String value = toJson(deadline);
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadlineSignature.HEADER, signature.sign(value).getBytes(StandardCharsets.US_ASCII));
        return emitter.sendMessage(Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(deadline.sessionId()).withHeaders(headers).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(deadline.eventId())
                        .withType(SessionDeadline.TYPE)
                        .withSource(SOURCE)
                        .withSubject(deadline.sessionId())
                        .withTimestamp(deadline.at().atZone(ZoneOffset.UTC))
                        .build()));
    }

    private String toJson(SessionDeadline deadline) {
        try {
            return json.writeValueAsString(deadline);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write deadline " + deadline.eventId(), e);
        }
    }
}
