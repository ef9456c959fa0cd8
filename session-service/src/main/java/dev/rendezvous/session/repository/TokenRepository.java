package dev.rendezvous.session.repository;

import dev.rendezvous.session.SessionToken;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@WithSession
@ApplicationScoped
public class TokenRepository implements PanacheRepositoryBase<SessionToken, SessionToken.Key> {

    /** The session's tokens: one row per role at most. */
    public Uni<List<SessionToken>> listBySession(UUID sessionId) {
        return list("sessionId", sessionId);
    }
}
