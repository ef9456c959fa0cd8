package dev.rendezvous.session.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.kernel.Names;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.session.service.SignalHub;
import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.UUID;

/**
 * Feeds this replica's SSE subscribers from {@code session-signals}. Every replica reads the topic in
 * a consumer group of its own, so a browser connected to any replica sees every change. A signal is
 * parsed only when someone here follows its session (the key is the session id): each replica reads
 * every signal of the cluster, and most are for streams served elsewhere or by nobody.
 */
@ApplicationScoped
public class SignalListener {

    private final SignalHub hub;
    private final ObjectMapper json;
    private final FoldTracing tracing;

    public SignalListener(SignalHub hub, ObjectMapper json, FoldTracing tracing) {
        this.hub = hub;
        this.json = json;
        this.tracing = tracing;
    }

    @Incoming("session-signals-live")
    public void onSignal(ConsumerRecord<String, String> record) {
        UUID sessionId = Names.sessionIdOrNull(record.key());
        if (sessionId != null && !hub.isFollowed(sessionId)) {
            return;
        }
        Span delivery = tracing.startDelivery(record, sessionId);
        try {
            hub.publish(json.readValue(record.value(), SessionSnapshot.class));
        } catch (Exception e) {
            Log.warnf("Ignoring an unreadable session signal: %s", e.getMessage());
        } finally {
            delivery.end();
        }
    }
}
