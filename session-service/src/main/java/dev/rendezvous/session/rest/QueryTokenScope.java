package dev.rendezvous.session.rest;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, with 401, a JWT that came in the query string on every method not marked
 * {@link AcceptsTokenInQuery}: it would end up in access logs, and only the stream needs it. Decided on
 * the method the request was matched to, so no spelling of a path changes the answer.
 */
public class QueryTokenScope {

    private final CurrentIdentityAssociation identities;

    public QueryTokenScope(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Void> refuseTokensInTheQueryElsewhere(ResourceInfo resource) {
        if (resource.getResourceMethod() == null || resource.getResourceMethod().isAnnotationPresent(AcceptsTokenInQuery.class)) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().invoke(identity -> {
            if (Boolean.TRUE.equals(identity.getAttribute(QueryTokenAuthMechanism.FROM_QUERY))) {
                throw new UnauthorizedException("a JWT in the query string is taken by the stream only");
            }
        }).replaceWithVoid();
    }
}
