package dev.rendezvous.session.repository;

import dev.rendezvous.session.OutboxSignal;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@WithSession
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxSignal, Long> {

    public Uni<List<OutboxSignal>> listPending(int limit) {
        return find("publishedAt is null order by id").page(0, limit).list();
    }

    /** The signals of a session after a version, oldest first: what a resuming SSE client missed. */
    public Uni<List<OutboxSignal>> listAfter(UUID sessionId, long version) {
        return list("sessionId = ?1 and version > ?2 order by version", sessionId, version);
    }
}
