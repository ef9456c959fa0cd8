package dev.rendezvous.token.rest;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who the bearer JWT says the caller is, as this service reads it: lets a frontend check its JWT
 * before asking for a token, and is the bare authenticated call that minting is measured against.
 */
@Path("/v1/me")
@Authenticated
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
    public Caller me() {
        return new Caller(caller.getSubject(), new TreeSet<>(caller.getGroups()));
    }
}
