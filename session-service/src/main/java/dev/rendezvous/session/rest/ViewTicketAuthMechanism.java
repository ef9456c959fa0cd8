package dev.rendezvous.session.rest;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Set;

/**
 * Reads a view ticket given as {@code ?ticket=} when the request has no Authorization header. Which calls
 * take one, and for which session, is decided by the method that handles the call ({@link ViewTicketScope}),
 * never by the path. A ticket that is not this service's or is past its minute is no identity (401).
 */
@ApplicationScoped
@Priority(2000)
public class ViewTicketAuthMechanism implements HttpAuthenticationMechanism {

    /** The identity attribute that holds the ticket's session. */
    static final String TICKET_SESSION = "rendezvous.view-ticket-session";

    private final ViewTickets tickets;

    public ViewTicketAuthMechanism(ViewTickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String text = context.request().getParam("ticket");
        if (text == null || context.request().getHeader("Authorization") != null) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(() -> tickets.read(text, Instant.now()).<SecurityIdentity>map(ticket -> {
            TicketCaller caller = new TicketCaller(ticket);
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder().setPrincipal(caller)
                    .addAttribute(TICKET_SESSION, ticket.sessionId());
            caller.getGroups().forEach(identity::addRole);
            return identity.build();
        }).orElse(null));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }
}
