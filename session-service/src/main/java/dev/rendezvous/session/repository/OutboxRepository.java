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
    /** The first {@code most} signals after a version, in order: a resume reads a bounded page, never the whole history. */
    public Uni<List<OutboxSignal>> listAfter(UUID sessionId, long version, int most) {
        return find("sessionId = ?1 and version > ?2 order by version", sessionId, version).page(0, most).list();
    }
}
