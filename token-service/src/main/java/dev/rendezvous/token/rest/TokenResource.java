package dev.rendezvous.token.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.util.Locale;
import java.util.regex.Pattern;

@Path("/v1/sessions/{sessionId}/token")
@Authenticated
public class TokenResource {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

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
    public Uni<TokenResponse> issue(@PathParam("sessionId") String sessionId, String body) {
        if (!UUID_TEXT.matcher(sessionId).matches()) {
            throw new ApiException(400, "bad-session-id", "session id must be a UUID, got '" + sessionId + "'");
        }
        return service.issue(sessionId.toLowerCase(Locale.ROOT), caller, requestedRole(body));
    }

    private String requestedRole(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            TokenRequest request = json.readValue(body, TokenRequest.class);
            return request == null ? null : request.role();
        } catch (Exception e) {
            throw new ApiException(400, "unreadable-body", "the body must be empty or {\"role\": \"customer\"|\"mechanic\"}");
        }
    }
}
