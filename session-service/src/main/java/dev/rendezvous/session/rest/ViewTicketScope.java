package dev.rendezvous.session.rest;

import dev.rendezvous.kernel.Refusal;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.UUID;

/**
 * A view ticket opens only what it was given for: a read-only method marked {@link AcceptsViewTicket}
 * (401 elsewhere), of its own session (403 for any other). Decided on the method the request was matched
 * to and its session id, so no spelling of a path changes the answer.
 */
public class ViewTicketScope {

    private final CurrentIdentityAssociation identities;

    public ViewTicketScope(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Void> keepTicketsToTheirSession(ContainerRequestContext request, ResourceInfo resource) {
        return identities.getDeferredIdentity().invoke(identity -> {
            UUID ticketSession = identity.getAttribute(ViewTicketAuthMechanism.TICKET_SESSION);
            if (ticketSession == null) {
                return;
            }
            if (resource.getResourceMethod() == null || !resource.getResourceMethod().isAnnotationPresent(AcceptsViewTicket.class)) {
                throw Refusal.unauthorized("a view ticket opens the snapshot, the stream and the diagnosis only; "
                        + "call this with 'Authorization: Bearer <JWT>'");
            }
            String id = request.getUriInfo().getPathParameters().getFirst("id");
            if (!ticketSession.equals(RequestIds.sessionId(id))) {
                throw Refusal.forbidden("ticket-for-another-session", "this view ticket is for another session");
            }
        }).replaceWithVoid();
    }
}
