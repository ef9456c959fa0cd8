package dev.rendezvous.token.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.token.service.TokenService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * LiveKit's standard token endpoint: what {@code TokenSource.endpoint(url, {headers})} in LiveKit's client
 * SDKs calls, so a page needs no code of its own to get a token. The same rules as the session's token
 * call: the role and identity come from the roster, and every mint counts against the same limit.
 */
@Path("/v1/livekit/token")
@Authenticated
@Tag(name = "tokens")
@SecurityRequirement(name = "jwt")
public class LiveKitTokenResource {

    private final TokenService service;
    private final JsonWebToken caller;
    private final ObjectMapper json;

    public LiveKitTokenResource(TokenService service, JsonWebToken caller, ObjectMapper json) {
        this.service = service;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "LiveKit's standard token endpoint (TokenSource.endpoint): a grant for the session the room names")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LiveKitTokenRequest.class),
            examples = @ExampleObject(name = "room", value = "{\"room_name\": \"session-3f0a7c52-6b1e-4d8f-9a27-5c4e1d2b8f60\"}")))
    @APIResponse(responseCode = "201", description = "the grant; the identity and role come from the roster",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LiveKitTokenResponse.class)))
    @APIResponse(responseCode = "400", description = "no or unreadable body (unreadable-body), no room_name (missing-room-name), "
            + "a room_name that is not session-<sessionId> (bad-room-name), a participant_identity other than the caller's "
            + "(identity-not-yours), participant_metadata, participant_attributes or room_config set "
            + "(participant-metadata-not-allowed, participant-attributes-not-allowed, room-config-not-allowed), "
            + "a participant_name too long (bad-participant-name), a JWT sub that cannot form an identity (bad-user-id)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "no JWT, or one that is forged, expired or from another issuer (unauthorized)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "the caller is not on the session's roster (not-on-roster)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "no such session (not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "the session has ended (session-ended), or the caller holds both roles "
            + "and the identity names neither (role-ambiguous)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "413", description = "a body over 4096 bytes (body-too-large)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "429", description = "too many tokens for this session by the caller, on either path "
            + "(too-many-tokens); Retry-After says when to ask again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "the roster could not be read (roster-unavailable); Retry-After says when to retry",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> token(String body) {
        LiveKitTokenRequest.Read request = LiveKitTokenRequest.read(BodyLimits.check(body), json);
        return service.issue(request.sessionId(), caller, request.asked())
                .map(t -> Response.status(201).entity(new LiveKitTokenResponse(t.serverUrl(), t.token())).build());
    }
}
