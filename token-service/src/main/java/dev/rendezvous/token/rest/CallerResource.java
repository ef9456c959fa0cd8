package dev.rendezvous.token.rest;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who the bearer JWT says the caller is, as this service reads it: lets a frontend check its JWT
 * before asking for a token, and is the bare authenticated call that minting is measured against.
 */
@Path("/v1/me")
@Authenticated
@Tag(name = "tokens")
@SecurityRequirement(name = "jwt")
public class CallerResource {

    /** The caller's user id ({@code sub}) and groups. */
    public record Caller(String userId, Set<String> groups) {
    }

    private final JsonWebToken caller;

    public CallerResource(JsonWebToken caller) {
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's user id and groups, as read from the bearer JWT")
    @APIResponse(responseCode = "200", description = "the caller",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Caller.class)))
    @APIResponse(responseCode = "401", description = "no JWT, or one that is forged, expired or from another issuer (unauthorized)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Caller me() {
        return new Caller(caller.getSubject(), new TreeSet<>(caller.getGroups()));
    }
}
