package dev.rendezvous.session.repository;

import dev.rendezvous.session.TimelineEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

@WithSession
@ApplicationScoped
public class TimelineRepository implements PanacheRepositoryBase<TimelineEntry, Long> {

    /** The session's latest entries, at most {@code limit}, oldest first: a bounded read, however long the timeline. */
    public Uni<List<TimelineEntry>> latest(UUID sessionId, int limit) {
        return find("sessionId = ?1 order by id desc", sessionId).page(0, limit).list().map(entries -> {
            List<TimelineEntry> oldestFirst = new ArrayList<>(entries);
            Collections.reverse(oldestFirst);
            return oldestFirst;
        });
    }
}
