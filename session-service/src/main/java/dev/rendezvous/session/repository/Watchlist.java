package dev.rendezvous.session.repository;

import dev.rendezvous.session.fold.Timeouts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What periodic work reads, each query only what needs doing: the sessions whose deadline has passed,
 * and the sessions somebody is present in. The statements spell {@code 'ENDED'} out, so PostgreSQL
 * matches them to their partial indexes (V9) whatever plan it caches: they cost what is due, never what
 * is open.
 */
@ApplicationScoped
public class Watchlist {

    /** A session a deadline may have passed for; {@code nobodyPresent}: an end on time may be due, else a wait turned overdue. */
    public record Due(UUID sessionId, boolean nobodyPresent) {
    }

    /** A session somebody is present in, per the fold: its active sids, and whether a member is present with none (a kicked tab held). */
    public record WithPeople(UUID sessionId, int activeSids, boolean heldWithoutSid) {
    }

    private final Pool pool;

    public Watchlist(Pool pool) {
        this.pool = pool;
    }

    /** The sessions whose wait turned overdue, or which nobody is present in past their no-show or idle deadline. */
    public Uni<List<Due>> due(Instant now, Timeouts timeouts, int limit) {
        return pool.preparedQuery("(SELECT id, false AS nobody FROM sessions WHERE status <> 'ENDED' AND NOT waiting_overdue "
                        + "AND waiting_since <= $1 ORDER BY waiting_since LIMIT $4) UNION ALL "
                        + "(SELECT id, true FROM sessions WHERE status <> 'ENDED' AND NOT ever_joined "
                        + "AND empty_since <= $2 ORDER BY empty_since LIMIT $4) UNION ALL "
                        + "(SELECT id, true FROM sessions WHERE status <> 'ENDED' AND ever_joined "
                        + "AND empty_since <= $3 ORDER BY empty_since LIMIT $4)")
                .execute(Tuple.of(now.minus(timeouts.overdueAfter()).atOffset(ZoneOffset.UTC),
                        now.minus(timeouts.noShow()).atOffset(ZoneOffset.UTC), now.minus(timeouts.idle()).atOffset(ZoneOffset.UTC), limit))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    rows.forEach(row -> due.add(new Due(row.getUUID(0), row.getBoolean(1))));
                    return due;
                });
    }

    /** The open sessions somebody is present in, with their active sids. */
    public Uni<List<WithPeople>> withPeople() {
        return pool.preparedQuery("SELECT s.id, "
                        + "(SELECT count(*) FROM session_participants p WHERE p.session_id = s.id AND p.active) AS active, "
                        + "EXISTS (SELECT 1 FROM session_members m WHERE m.session_id = s.id AND m.since IS NOT NULL "
                        + "AND NOT EXISTS (SELECT 1 FROM session_participants p WHERE p.session_id = s.id AND p.active "
                        + "AND p.role = m.role AND p.user_id = m.user_id)) AS held "
                        + "FROM sessions s WHERE s.status <> 'ENDED' AND s.empty_since IS NULL")
                .execute()
                .map(rows -> {
                    List<WithPeople> sessions = new ArrayList<>();
                    rows.forEach(row -> sessions.add(withPeople(row)));
                    return sessions;
                });
    }

    private static WithPeople withPeople(Row row) {
        return new WithPeople(row.getUUID("id"), row.getLong("active").intValue(), row.getBoolean("held"));
    }

    /** Which of these sessions are open. */
    public Uni<Set<UUID>> open(Collection<UUID> ids) {
        return among(ids, "SELECT id FROM sessions WHERE id = ANY($1) AND status <> 'ENDED'");
    }

    /** Which of these sessions have ended (their rooms should not exist). */
    public Uni<Set<UUID>> ended(Collection<UUID> ids) {
        return among(ids, "SELECT id FROM sessions WHERE id = ANY($1) AND status = 'ENDED'");
    }

    /** The ids a query picks among these; no query for none. */
    private Uni<Set<UUID>> among(Collection<UUID> ids, String query) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return pool.preparedQuery(query).execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Set<UUID> picked = new HashSet<>();
                    rows.forEach(row -> picked.add(row.getUUID(0)));
                    return picked;
                });
    }
}
