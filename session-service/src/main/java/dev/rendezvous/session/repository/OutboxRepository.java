package dev.rendezvous.session.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** A session's signals as kept in the outbox, for a stream that resumes. */
@ApplicationScoped
public class OutboxRepository {

    private final Pool pool;

    public OutboxRepository(Pool pool) {
        this.pool = pool;
    }

    /** The first {@code most} signals after a version, in order: a resume reads a bounded page, never the whole history. */
    public Uni<List<OutboxSignal>> listAfter(UUID sessionId, long version, int most) {
        return pool.preparedQuery("SELECT " + OutboxStatements.SIGNAL_COLUMNS + " FROM signal_outbox "
                        + "WHERE session_id = $1 AND version > $2 ORDER BY version LIMIT $3")
                .execute(Tuple.of(sessionId, version, most))
                .map(OutboxStatements::toSignals);
    }
}
