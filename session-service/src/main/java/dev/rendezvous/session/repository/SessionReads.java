package dev.rendezvous.session.repository;

import dev.rendezvous.session.Session;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * One session by id, the read every request and every stream makes (once to decide access, once for
 * the stream's first snapshot): one prepared statement on a pooled connection. Through Hibernate
 * Reactive the same read opened a session, a connection and a persistence context each time, and cost
 * several times the query.
 */
@ApplicationScoped
public class SessionReads {

    private final Pool pool;

    public SessionReads(Pool pool) {
        this.pool = pool;
    }

    /** The session, or null when there is none. */
    public Uni<Session> byId(UUID id) {
        return pool.preparedQuery("SELECT " + SessionRows.SELECTED + " FROM sessions WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : SessionRows.toSession(rows.iterator().next()));
    }
}
