package dev.rendezvous.session.repository;

import dev.rendezvous.session.SessionParticipant;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@WithSession
@ApplicationScoped
public class ParticipantRepository implements PanacheRepositoryBase<SessionParticipant, SessionParticipant.Key> {

    public Uni<List<SessionParticipant>> listBySession(UUID sessionId) {
        return list("sessionId", sessionId);
    }
}
