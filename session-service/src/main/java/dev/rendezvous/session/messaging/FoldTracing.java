package dev.rendezvous.session.messaging;

import dev.rendezvous.session.service.Envelope;
import dev.rendezvous.session.telemetry.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.UUID;

/**
 * The spans of a session's trace inside session-service. Folding an event is a child of the span the
 * Kafka consumer opened from the record's {@code traceparent} (presence-service's, from the webhook);
 * its traceparent travels with the event into the outbox, so the relay's send continues it; delivering
 * a signal to this replica's streams is a child of that send. Without OTEL_SDK_DISABLED=false every
 * span is a no-op and no traceparent is stored.
 */
@ApplicationScoped
public class FoldTracing {

    static final String SESSION_ID = "rendezvous.session.id";
    static final String EVENT_TYPE = "rendezvous.event.type";

    private final Tracer tracer;

    public FoldTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Starts the span of folding one record's event; end it once the event's transaction is over. */
    Span startFold(KafkaRecord<String, String> record, Envelope event) {
        Context parent = record.getMetadata(TracingMetadata.class).map(TracingMetadata::getCurrentContext)
                .orElseGet(Context::root);
        return tracer.spanBuilder("fold " + event.event().kind().type()).setParent(parent)
                .setAttribute(SESSION_ID, String.valueOf(event.sessionId()))
                .setAttribute(EVENT_TYPE, event.event().kind().type())
                .setAttribute("rendezvous.event.id", event.event().eventId())
                .startSpan();
    }

    /** The event, carrying the traceparent of its fold's span. */
    static Envelope traced(Envelope event, Span fold) {
        return event.tracedAs(TraceParent.of(fold));
    }

    /** Starts the span of handing a signal from session-signals to this replica's streams, as a child of its send. */
    Span startDelivery(ConsumerRecord<String, String> record, UUID sessionId) {
        // The traceparent header SmallRye wrote for the relay's send (W3C Trace Context).
        Context sent = TraceParent.parse(SignalHeaders.text(record, "traceparent"));
        return tracer.spanBuilder("deliver to streams").setParent(sent == null ? Context.root() : sent)
                .setAttribute(SESSION_ID, String.valueOf(sessionId))
                .setAttribute(EVENT_TYPE, SignalHeaders.text(record, "ce_type"))
                .startSpan();
    }
}
