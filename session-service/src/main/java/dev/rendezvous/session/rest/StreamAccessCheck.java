package dev.rendezvous.session.rest;

import dev.rendezvous.kernel.Refusal;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.repository.Session;
import dev.rendezvous.session.service.SessionService;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks access to an event stream before the stream starts: once the first bytes of an SSE response
 * are out, a 403 or 404 can no longer be told as a status. Bound by {@link StreamAccess} to the stream
 * method itself, so it runs for every request that method handles. A client that has already seen
 * ENDED gets 204, which tells a browser's EventSource to stop reconnecting.
 */
public class StreamAccessCheck {

    private final SessionService service;
    private final CurrentIdentityAssociation identities;

    public StreamAccessCheck(SessionService service, CurrentIdentityAssociation identities) {
        this.service = service;
        this.identities = identities;
    }

    @StreamAccess
    @ServerRequestFilter
    public Uni<Response> checkStreamAccess(ContainerRequestContext request) {
        String id = request.getUriInfo().getPathParameters().getFirst("id");
        return identities.getDeferredIdentity().chain(identity -> {
            if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken caller)) {
                throw new UnauthorizedException();
            }
            return service.findAllowed(RequestIds.sessionId(id), caller)
                    .map(session -> hasSeenTheEnd(session, request.getHeaderString("Last-Event-ID"))
                            ? Response.noContent().build() : null);
        }).onFailure(Refusal.class).recoverWithItem(e -> ErrorMappers.answer((Refusal) e));
    }

    private static boolean hasSeenTheEnd(Session session, String lastEventId) {
        try {
            return session.status == SessionStatus.ENDED && lastEventId != null
                    && Long.parseLong(lastEventId.trim()) >= session.version;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
