package dev.rendezvous.presence.rest;

import dev.rendezvous.presence.ParticipantEvent;
import dev.rendezvous.presence.config.WebhookConfig;
import dev.rendezvous.presence.mapping.WebhookEventMapper;
import dev.rendezvous.presence.messaging.ParticipantEventPublisher;
import dev.rendezvous.presence.messaging.ParticipantEventPublisher.KafkaUnavailableException;
import dev.rendezvous.presence.service.WebhookVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import org.jboss.logging.MDC;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import livekit.LivekitWebhook.WebhookEvent;
import io.livekit.server.WebhookReceiver;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * LiveKit's webhooks in. Verified over the raw body, normalised, and answered 200 only once Kafka
 * holds the record; 503 when it does not, so LiveKit retries. Bad input never reaches Kafka.
 */
@Path("/v1/livekit/webhook")
@Tag(name = "webhooks", description = "LiveKit's webhooks, signed with its API key and secret")
public class WebhookResource {

    private final WebhookVerifier verifier;
    private final WebhookReceiver parser;
    private final ParticipantEventPublisher publisher;
    private final MeterRegistry registry;
    private final int maxBodyBytes;

    public WebhookResource(WebhookVerifier verifier, ParticipantEventPublisher publisher, MeterRegistry registry,
                           WebhookConfig config) {
        this.verifier = verifier;
        // Only the SDK's parser is used (skipAuth): the signature is checked by WebhookVerifier, with leeway.
        this.parser = new WebhookReceiver("", "");
        this.publisher = publisher;
        this.registry = registry;
        this.maxBodyBytes = config.maxBodyBytes();
    }

    @POST
    @Consumes({"application/webhook+json", MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a signed LiveKit webhook",
            description = "Authorization: the JWT LiveKit signs each webhook with (HS256 with LIVEKIT_API_SECRET, issuer "
                    + "LIVEKIT_API_KEY, sha256 = base64 SHA-256 of the body), LIVEKIT_WEBHOOK_LEEWAY of clock skew allowed. "
                    + "Answered 200 only once Kafka holds the record.")
    @APIResponse(responseCode = "200", description = "on participant-events (published: true), or an event type that is not "
            + "published (published: false)", content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "400", description = "a body that is not a LiveKit webhook, once the signature holds (unreadable)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "no signature, a bad one, an expired one, or a body that does not match it (missing-signature, bad-signature, expired, missing-body-hash, body-mismatch)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "413", description = "a body over 1 MiB, declared or sent (too-large)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "500", description = "an unexpected failure; the service log has it (internal)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not take the record in time (kafka-unavailable); LiveKit retries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> receive(@HeaderParam("Authorization") String authorization, byte[] body) {
        Instant receivedAt = Instant.now();
        if (body == null) {
            body = new byte[0];
        }
        if (body.length > maxBodyBytes) {
            return reject(413, "too-large", "the body is over " + maxBodyBytes + " bytes");
        }
        try {
            verifier.verify(authorization, body);
        } catch (WebhookVerifier.Rejected e) {
            Log.warnf("Webhook refused (%s): %s", e.reason(), e.getMessage());
            return reject(401, e.reason(), e.getMessage());
        }
        WebhookEvent event;
        try {
            event = parser.receive(new String(body, StandardCharsets.UTF_8), null, true);
        } catch (Exception e) {
            return reject(400, "unreadable", "the body is not a LiveKit webhook event");
        }
        if (event.getId().isEmpty() || event.getEvent().isEmpty()) {
            return reject(400, "unreadable", "the webhook event has no id or no event type");
        }
        registry.counter("rendezvous.webhooks.received", "event", event.getEvent()).increment();
        Optional<ParticipantEvent> mapped = WebhookEventMapper.map(event, receivedAt);
        if (mapped.isEmpty()) {
            Log.debugf("Webhook %s (%s) acknowledged, not published", event.getId(), event.getEvent());
            return Uni.createFrom().item(ok(event, false));
        }
        ParticipantEvent participantEvent = mapped.get();
        // The webhook's span (its record carries the trace on to session-service) names what it is about.
        Span.current().setAttribute("rendezvous.session.id", participantEvent.key())
                .setAttribute("rendezvous.event.type", participantEvent.type());
        return publisher.publish(participantEvent)
                .map(ignored -> {
                    withSessionInMdc(participantEvent, () -> Log.infof("Webhook %s %s room=%s identity=%s role=%s problems=%d published",
                            event.getId(), event.getEvent(), participantEvent.room(), participantEvent.identity(),
                            participantEvent.role(), participantEvent.problems().size()));
                    return ok(event, true);
                })
                .onFailure(KafkaUnavailableException.class).recoverWithItem(e -> {
                    withSessionInMdc(participantEvent, () -> Log.errorf("Webhook %s not acknowledged, LiveKit will retry: %s",
                            event.getId(), e.getMessage()));
                    registry.counter("rendezvous.webhooks.rejected", "reason", "kafka-unavailable").increment();
                    return Response.status(503).header("Retry-After", "5").type(MediaType.APPLICATION_JSON_TYPE)
                            .entity(new ErrorBody("kafka-unavailable", e.getMessage())).build();
                });
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

    private static Response ok(WebhookEvent event, boolean published) {
        return Response.ok(Map.of("eventId", event.getId(), "event", event.getEvent(), "published", published)).build();
    }

    private Uni<Response> reject(int status, String reason, String message) {
        registry.counter("rendezvous.webhooks.rejected", "reason", reason).increment();
        return Uni.createFrom().item(Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(reason, message)).build());
    }
}
