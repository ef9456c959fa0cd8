package dev.rendezvous.presence.rest;

import dev.rendezvous.presence.config.WebhookConfig;
import dev.rendezvous.presence.service.WebhookIntake;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Map;

/**
 * LiveKit's webhooks in, over HTTP: the body size and the answer's status; what is done with a
 * webhook is {@link WebhookIntake}'s. 200 only once Kafka holds the record; 503 when it does not, so
 * LiveKit retries.
 */
@Path("/v1/livekit/webhook")
@Tag(name = "webhooks", description = "LiveKit's webhooks, signed with its API key and secret")
public class WebhookResource {

    private final WebhookIntake intake;
    private final int maxBodyBytes;

    public WebhookResource(WebhookIntake intake, WebhookConfig config) {
        this.intake = intake;
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
        byte[] raw = body == null ? new byte[0] : body;
        if (raw.length > maxBodyBytes) {
            intake.countRefusal("too-large");
            return Uni.createFrom().item(error(413, "too-large", "the body is over " + maxBodyBytes + " bytes"));
        }
        return intake.receive(authorization, raw, receivedAt).map(WebhookResource::answer);
    }

    private static Response answer(WebhookIntake.Outcome outcome) {
        if (outcome instanceof WebhookIntake.Outcome.Accepted accepted) {
            return Response.ok(Map.of("eventId", accepted.eventId(), "event", accepted.event(), "published", accepted.published()))
                    .build();
        }
        WebhookIntake.Outcome.Refused refused = (WebhookIntake.Outcome.Refused) outcome;
        return switch (refused.why()) {
            case UNSIGNED -> error(401, refused.code(), refused.message());
            case UNREADABLE -> error(400, refused.code(), refused.message());
            case KAFKA_UNAVAILABLE -> Response.fromResponse(error(503, refused.code(), refused.message()))
                    .header("Retry-After", "5").build();
        };
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, message)).build();
    }
}
