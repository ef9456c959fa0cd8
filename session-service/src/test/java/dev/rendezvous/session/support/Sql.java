package dev.rendezvous.session.support;

import io.quarkus.arc.Arc;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Duration;
import java.util.Iterator;

/** Plain SQL against the service's own database, through its own pool, for tests that set up or look at rows directly. */
public final class Sql {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Sql() {
    }

    /** Runs a statement on its own (auto-committed). */
    public static void execute(String statement) {
        pool().query(statement).execute().await().atMost(WAIT);
    }

    /** The single number a query answers, e.g. a {@code count(*)}. */
    public static long count(String query) {
        return single(query).getLong(0);
    }

    /** The single text a query answers. */
    public static String text(String query) {
        return single(query).getString(0);
    }

    private static Row single(String query) {
        Iterator<Row> rows = pool().query(query).execute().await().atMost(WAIT).iterator();
        if (!rows.hasNext()) {
            throw new IllegalStateException("no row for " + query);
        }
        return rows.next();
    }

    private static Pool pool() {
        return Arc.container().instance(Pool.class).get();
    }
}
