package dev.rendezvous.session.service;

import dev.rendezvous.session.config.RetentionConfig;
import dev.rendezvous.session.repository.JobLeases;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Keeps the bookkeeping tables from growing without end: event ids long past any redelivery, signals
 * long past any stream resume, the timelines and token rows of sessions that ended long ago, and
 * idempotency keys past the time a backend may retry. One replica at a time, under a lease.
 */
@ApplicationScoped
public class Retention {

    private final JobLeases leases;
    private final Pool pool;
    private final Duration eventIds;
    private final Duration signals;
    private final Duration timelines;
    private final Duration idempotencyKeys;

    public Retention(JobLeases leases, Pool pool, RetentionConfig config) {
        this.leases = leases;
        this.pool = pool;
        this.eventIds = config.eventIds();
        this.signals = config.signals();
        this.timelines = config.timelines();
        this.idempotencyKeys = config.idempotencyKeys();
    }

    @Scheduled(every = "${rendezvous.retention.interval}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return ScheduledRuns.retriedNextRun("Retention", leases.tryTake("retention", Duration.ofMinutes(10))
                .chain(mine -> mine ? purge() : Uni.createFrom().voidItem()));
    }

    /** Deletes what is older than its retention, in one transaction. */
    public Uni<Void> purge() {
        return pool.withTransaction(conn -> delete(conn,
                "DELETE FROM processed_events WHERE processed_at < now() - make_interval(secs => $1)", eventIds)
                .chain(ids -> delete(conn, "DELETE FROM signal_outbox WHERE published_at IS NOT NULL "
                        + "AND created_at < now() - make_interval(secs => $1)", signals)
                        .chain(outbox -> delete(conn, "DELETE FROM session_timeline t WHERE (t.session_id IS NULL "
                                + "AND t.received_at < now() - make_interval(secs => $1)) OR t.session_id IN (SELECT id "
                                + "FROM sessions WHERE status = 'ENDED' AND ended_at < now() - make_interval(secs => $1))", timelines)
                                .call(() -> delete(conn, "DELETE FROM session_tokens t WHERE t.session_id IN (SELECT id FROM sessions "
                                        + "WHERE status = 'ENDED' AND ended_at < now() - make_interval(secs => $1))", timelines))
                                .chain(timeline -> delete(conn, "DELETE FROM session_idempotency_keys "
                                        + "WHERE created_at < now() - make_interval(secs => $1)", idempotencyKeys)
                                        .invoke(keys -> {
                                            if (ids + outbox + timeline + keys > 0) {
                                                Log.infof("Retention removed %d event ids, %d signals, %d timeline entries, "
                                                        + "%d idempotency keys", ids, outbox, timeline, keys);
                                            }
                                        })))))
                .replaceWithVoid();
    }

    private static Uni<Integer> delete(SqlConnection conn, String sql, Duration age) {
        return conn.preparedQuery(sql).execute(Tuple.of((double) age.toSeconds())).map(SqlResult::rowCount);
    }
}
