package dev.rendezvous.token.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.kernel.Names;
import dev.rendezvous.kernel.Refusal;
import dev.rendezvous.token.TokenResponse;
import dev.rendezvous.token.service.TokenService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Locale;

@Path("/v1/sessions/{sessionId}/token")
@Authenticated
@Tag(name = "tokens", description = "LiveKit room grants for the people on a session's roster")
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "The user's JWT (sub = user id), verified with MP_JWT_VERIFY_*; never in the URL")
@SecurityRequirement(name = "jwt")
public class TokenResource {

    private final TokenService service;
    private final JsonWebToken caller;
    private final ObjectMapper json;

    public TokenResource(TokenService service, JsonWebToken caller, ObjectMapper json) {
        this.service = service;
        this.caller = caller;
        this.json = json;
    }

    /** @param body optional {@code {"role": …}}; read by hand so a bodiless POST from a browser needs no content type */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mint a LiveKit token for the caller; the role comes from the session's roster")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TokenRequest.class)))
    @APIResponse(responseCode = "200", description = "the grant: the role, room and identity come from the roster",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class),
                    examples = @ExampleObject(name = "customer", value = TokenResponse.EXAMPLE)))
    @APIResponse(responseCode = "400", description = "the id is not a UUID (bad-session-id), the body is not {role} (unreadable-body), the JWT's sub cannot form a LiveKit identity (bad-user-id)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "no JWT, or one that is forged, expired or from another issuer (unauthorized)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "the caller is not on the session's roster (not-on-roster)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "no such session (not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "the session has ended (session-ended), or the caller holds both roles and named neither (role-ambiguous)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "429", description = "the caller asked for tokens for this session more often than "
            + "TOKEN_MINT_BURST at once and TOKEN_MINT_PER_MINUTE after (too-many-tokens); Retry-After says when to ask again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "500", description = "an unexpected failure; the service log has it (internal)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "the roster could not be read: session-service unavailable or slow (roster-unavailable); Retry-After says when to retry",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Uni<TokenResponse> issue(@PathParam("sessionId") String sessionId, String body) {
        if (!Names.isSessionId(sessionId)) {
            throw Refusal.invalid("bad-session-id", "session id must be a UUID, got '" + sessionId + "'");
        }
        return service.issue(sessionId.toLowerCase(Locale.ROOT), caller, requestedRole(BodyLimits.check(body)));
    }

    private String requestedRole(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            TokenRequest request = json.readValue(body, TokenRequest.class);
            return request == null ? null : request.role();
        } catch (Exception e) {
            throw Refusal.invalid("unreadable-body", "the body must be empty or {\"role\": \"customer\"|\"mechanic\"}");
        }
    }
}
