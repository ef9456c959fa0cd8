package dev.rendezvous.session.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * One session by id, the read every request and every stream makes (once to decide access, once for
 * the stream's first snapshot): one prepared statement on a pooled connection, the session's row joined
 * with its members'.
 */
@ApplicationScoped
public class SessionReads {

    private final Pool pool;

    public SessionReads(Pool pool) {
        this.pool = pool;
    }

    /** The session, or null when there is none. */
    public Uni<Session> byId(UUID id) {
        return pool.preparedQuery("SELECT " + SessionRows.SELECTED + SessionRows.FROM + "WHERE s.id = $1 ORDER BY m.position")
                .execute(Tuple.of(id))
                .map(rows -> SessionRows.toSessions(rows).get(id));
    }
}
