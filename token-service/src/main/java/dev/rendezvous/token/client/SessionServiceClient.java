package dev.rendezvous.token.client;

import dev.rendezvous.kernel.wire.SessionSnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** session-service's {@code GET /v1/sessions/{id}}, called with the caller's own JWT. */
@RegisterRestClient(configKey = "session-service")
@Path("/v1/sessions")
public interface SessionServiceClient {

    @GET
    @Path("{id}")
    Uni<SessionSnapshot> session(@PathParam("id") String id, @HeaderParam("Authorization") String authorization);
}
