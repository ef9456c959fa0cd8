package dev.rendezvous.session.repository;

import dev.rendezvous.session.TimelineEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@WithSession
@ApplicationScoped
public class TimelineRepository implements PanacheRepositoryBase<TimelineEntry, Long> {

    public Uni<List<TimelineEntry>> listBySession(UUID sessionId) {
        return list("sessionId = ?1 order by id", sessionId);
    }
}
