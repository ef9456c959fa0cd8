package dev.rendezvous.presence.service;

import dev.rendezvous.kernel.wire.ParticipantEvent;
import dev.rendezvous.presence.mapping.WebhookEventMapper;
import io.livekit.server.WebhookReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import livekit.LivekitWebhook.WebhookEvent;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A LiveKit webhook taken in: verified over the raw body, parsed, normalised, and published, the answer
 * known only once Kafka holds the record (or once it is clear it will not). Bad input never reaches Kafka.
 */
@ApplicationScoped
public class WebhookIntake {

    /** What became of a webhook. */
    public sealed interface Outcome {
        /** On participant-events ({@code published}), or acknowledged without being published (a type we do not publish). */
        record Accepted(String eventId, String event, boolean published) implements Outcome {
        }

        /** Not taken: why, as a stable code (also the metric's reason), and a sentence. */
        record Refused(Why why, String code, String message) implements Outcome {
        }
    }

    /** Why a webhook is refused. */
    public enum Why { UNSIGNED, UNREADABLE, KAFKA_UNAVAILABLE }

    private final WebhookVerifier verifier;
    private final WebhookReceiver parser;
    private final ParticipantEvents events;
    private final MeterRegistry registry;

    public WebhookIntake(WebhookVerifier verifier, ParticipantEvents events, MeterRegistry registry) {
        this.verifier = verifier;
        // Only the SDK's parser is used (skipAuth): the signature is checked by WebhookVerifier, with leeway.
        this.parser = new WebhookReceiver("", "");
        this.events = events;
        this.registry = registry;
    }

    public Uni<Outcome> receive(String authorization, byte[] body, Instant receivedAt) {
        try {
            verifier.verify(authorization, body);
        } catch (WebhookVerifier.Rejected e) {
            Log.warnf("Webhook refused (%s): %s", e.reason(), e.getMessage());
            return refused(Why.UNSIGNED, e.reason(), e.getMessage());
        }
        WebhookEvent event;
        try {
            event = parser.receive(new String(body, StandardCharsets.UTF_8), null, true);
        } catch (Exception e) {
            return refused(Why.UNREADABLE, "unreadable", "the body is not a LiveKit webhook event");
        }
        if (event.getId().isEmpty() || event.getEvent().isEmpty()) {
            return refused(Why.UNREADABLE, "unreadable", "the webhook event has no id or no event type");
        }
        registry.counter("rendezvous.webhooks.received", "event", event.getEvent()).increment();
        Optional<ParticipantEvent> mapped = WebhookEventMapper.map(event, receivedAt);
        if (mapped.isEmpty()) {
            Log.debugf("Webhook %s (%s) acknowledged, not published", event.getId(), event.getEvent());
            return Uni.createFrom().item(new Outcome.Accepted(event.getId(), event.getEvent(), false));
        }
        ParticipantEvent participantEvent = mapped.get();
        // The webhook's span (its record carries the trace on to session-service) names what it is about.
        Span.current().setAttribute("rendezvous.session.id", participantEvent.key())
                .setAttribute("rendezvous.event.type", participantEvent.type());
        return events.publish(participantEvent)
                .<Outcome>map(ignored -> {
                    withSessionInMdc(participantEvent, () -> Log.infof("Webhook %s %s room=%s identity=%s role=%s problems=%d published",
                            event.getId(), event.getEvent(), participantEvent.room(), participantEvent.identity(),
                            participantEvent.role(), participantEvent.problems().size()));
                    return new Outcome.Accepted(event.getId(), event.getEvent(), true);
                })
                .onFailure(ParticipantEvents.Unavailable.class).recoverWithUni(e -> {
                    withSessionInMdc(participantEvent, () -> Log.errorf("Webhook %s not acknowledged, LiveKit will retry: %s",
                            event.getId(), e.getMessage()));
                    return refused(Why.KAFKA_UNAVAILABLE, "kafka-unavailable", e.getMessage());
                });
    }

    /** Counts a refusal by its code: a webhook refused before it was read, for its size, is counted by the caller. */
    public void countRefusal(String code) {
        registry.counter("rendezvous.webhooks.rejected", "reason", code).increment();
    }

    private Uni<Outcome> refused(Why why, String code, String message) {
        countRefusal(code);
        return Uni.createFrom().item(new Outcome.Refused(why, code, message));
    }

    /** The session (or room) and event id as MDC fields of the line, as session-service writes them, for JSON logs. */
    private static void withSessionInMdc(ParticipantEvent event, Runnable log) {
        MDC.put("sessionId", event.key());
        MDC.put("eventId", event.eventId());
        try {
            log.run();
        } finally {
            MDC.remove("sessionId");
            MDC.remove("eventId");
        }
    }
}
