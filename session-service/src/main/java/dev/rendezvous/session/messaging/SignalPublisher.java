package dev.rendezvous.session.messaging;

import dev.rendezvous.session.repository.OutboxSignal;
import dev.rendezvous.session.service.Signals;
import dev.rendezvous.session.telemetry.TraceParent;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.net.URI;
import java.time.ZoneOffset;

/** Writes an outbox signal to {@code session-signals}: key = session id, CloudEvents id = {@code <sessionId>:<version>}. */
@ApplicationScoped
public class SignalPublisher implements Signals {

    private static final URI SOURCE = URI.create("/rendezvous/session-service");

    private final MutinyEmitter<String> emitter;

    public SignalPublisher(@Channel("session-signals") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4100)
                           MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    @Override
    public Uni<Void> send(OutboxSignal signal) {
        return emitter.sendMessage(message(signal));
    }

    private static Message<String> message(OutboxSignal signal) {
        Message<String> message = Message.of(signal.payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(signal.sessionId.toString()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(SignalHeaders.id(signal.sessionId, signal.version))
                        .withType(signal.type)
                        .withSource(SOURCE)
                        .withSubject(signal.sessionId.toString())
                        .withTimestamp(signal.createdAt.atZone(ZoneOffset.UTC))
                        .build());
        // The send continues the trace of the fold that caused the signal, on whichever replica relays it.
        Context cause = TraceParent.parse(signal.traceParent);
        return cause == null ? message : message.addMetadata(TracingMetadata.withCurrent(cause));
    }
}
