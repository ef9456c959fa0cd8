package dev.rendezvous.session.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Asks PostgreSQL whether it takes writes right now. A failure nobody classified is taken for a bad
 * record only when the database answers yes: a failover, a proxy in the way or an error we never saw
 * before must pause the work, not set records aside.
 */
@ApplicationScoped
public class DatabaseProbe {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final Pool pool;

    public DatabaseProbe(Pool pool) {
        this.pool = pool;
    }

    /** True when a transaction opens read-write on a primary within a few seconds; false on any failure. */
    public Uni<Boolean> acceptsWrites() {
        return pool.withTransaction(conn -> conn.query(
                        "SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off'").execute())
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return Boolean.TRUE.equals(row.getBoolean(0));
                })
                .ifNoItem().after(PATIENCE).fail()
                .onFailure().recoverWithItem(false);
    }
}
