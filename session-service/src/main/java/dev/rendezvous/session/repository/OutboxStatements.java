package dev.rendezvous.session.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The relay's statements. A session's signals are published under a transaction-scoped advisory lock
 * of that session: whoever holds it publishes every pending version of the session in order, so two
 * replicas (a consumer and a REST call, or a sweep) can never put a later version on the topic first.
 * The lock is per session; nothing serialises the cluster.
 */
@ApplicationScoped
public class OutboxStatements {

    static final String SIGNAL_COLUMNS = "id, session_id, version, type, payload, created_at, trace_parent, cause_received_at";

    /** First key of the relay's advisory locks; the second is the session id's hash ({@code hashtext}). */
    public static final int RELAY_LOCKS = 0x52656e64; // "Rend"

    /** Waits for the sessions' relay locks, taken in one order by everyone so that two relays never deadlock. */
    public Uni<List<UUID>> lock(SqlConnection conn, Collection<UUID> sessions) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock($1, k) FROM (SELECT DISTINCT hashtext(s::text) AS k "
                        + "FROM unnest($2::uuid[]) AS t(s) ORDER BY k) AS keys")
                .execute(Tuple.of(RELAY_LOCKS, sessions.toArray(UUID[]::new)))
                .replaceWith(List.copyOf(sessions));
    }

    /** Sessions with signals pending for longer than {@code age} whose relay lock was free; they are now locked. */
    public Uni<List<UUID>> lockStale(SqlConnection conn, Duration age, int limit) {
        return conn.preparedQuery("SELECT s FROM (SELECT DISTINCT session_id AS s FROM signal_outbox WHERE published_at IS NULL "
                        + "AND created_at < now() - make_interval(secs => $1) LIMIT $2) AS stale "
                        + "WHERE pg_try_advisory_xact_lock($3, hashtext(s::text))")
                .execute(Tuple.of((double) age.toMillis() / 1000, limit, RELAY_LOCKS))
                .map(rows -> {
                    List<UUID> locked = new ArrayList<>();
                    rows.forEach(row -> locked.add(row.getUUID(0)));
                    return locked;
                });
    }

    /** The pending signals of the sessions, each session's in version order. */
    public Uni<List<OutboxSignal>> pending(SqlConnection conn, List<UUID> sessions, int limit) {
        if (sessions.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return conn.preparedQuery("SELECT " + SIGNAL_COLUMNS + " FROM signal_outbox "
                        + "WHERE session_id = ANY($1) AND published_at IS NULL ORDER BY session_id, version LIMIT $2")
                .execute(Tuple.of(sessions.toArray(UUID[]::new), limit))
                .map(OutboxStatements::toSignals);
    }

    /** Signal rows as selected by {@link #SIGNAL_COLUMNS}, in the order read. */
    static List<OutboxSignal> toSignals(RowSet<Row> rows) {
        List<OutboxSignal> signals = new ArrayList<>();
        rows.forEach(row -> {
            OutboxSignal s = new OutboxSignal();
            s.id = row.getLong("id");
            s.sessionId = row.getUUID("session_id");
            s.version = row.getLong("version");
            s.type = row.getString("type");
            s.payload = row.getString("payload");
            s.createdAt = SessionRows.instant(row, "created_at");
            s.traceParent = row.getString("trace_parent");
            s.causeReceivedAt = SessionRows.instant(row, "cause_received_at");
            signals.add(s);
        });
        return signals;
    }

    public Uni<Void> markPublished(SqlConnection conn, List<Long> ids) {
        return ids.isEmpty() ? Uni.createFrom().voidItem()
                : conn.preparedQuery("UPDATE signal_outbox SET published_at = now() WHERE id = ANY($1) AND published_at IS NULL")
                .execute(Tuple.of(ids.toArray(Long[]::new))).replaceWithVoid();
    }
}
