package dev.rendezvous.session.repository;

import dev.rendezvous.kernel.Names;
import dev.rendezvous.kernel.wire.TokenEvent;
import dev.rendezvous.session.OutboxSignal;
import dev.rendezvous.session.Session;
import dev.rendezvous.session.SessionParticipant;
import dev.rendezvous.session.TimelineEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.lang.reflect.Array;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The statements of the write path, each one round trip for a whole batch (arrays bound as
 * parameters and unnested), so a batch costs the same handful of round trips as a single event.
 * Every method runs on the caller's connection, inside the caller's transaction.
 */
@ApplicationScoped
public class FoldStatements {

    /** A new session's values for SessionRows.COLUMNS: $1 id, $2 customer, $3 mechanic, $4 status, $5 version, $6 created. */
    private static final String NEW_SESSION = "$1::uuid, $2::text, $3::text, $4::text, $5::int8, NULL, NULL, NULL, NULL, "
            + "$6::timestamptz, NULL, NULL, NULL, false, false, false, false, false, NULL, NULL, false, $6::timestamptz, NULL, "
            + "false, false, NULL, NULL, false, false, NULL, NULL, NULL";

    /** Records the event ids; returns those seen for the first time. Sorted, so two batches never deadlock. */
    public Uni<Set<String>> markProcessed(SqlConnection conn, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        String[] sorted = eventIds.stream().sorted().toArray(String[]::new);
        return conn.preparedQuery("INSERT INTO processed_events (event_id, processed_at) SELECT id, now() "
                        + "FROM unnest($1::text[]) AS t(id) ORDER BY id ON CONFLICT DO NOTHING RETURNING event_id")
                .execute(Tuple.of(sorted))
                .map(rows -> {
                    Set<String> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(row.getString(0)));
                    return fresh;
                });
    }

    /** The sessions, locked for this transaction in id order (so concurrent batches queue, never deadlock). */
    public Uni<Map<UUID, Session>> lockSessions(SqlConnection conn, Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return conn.preparedQuery("SELECT " + SessionRows.SELECTED + " FROM sessions WHERE id = ANY($1) ORDER BY id FOR UPDATE")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Session> sessions = new LinkedHashMap<>();
                    rows.forEach(row -> sessions.put(row.getUUID("id"), SessionRows.toSession(row)));
                    return sessions;
                });
    }

    public Uni<Map<UUID, List<SessionParticipant>>> participants(SqlConnection conn, Set<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return conn.preparedQuery("SELECT session_id, sid, role, identity, user_id, active, joined_at, left_at, left_reason, tracks, kind "
                        + "FROM session_participants WHERE session_id = ANY($1)")
                .execute(Tuple.of(sessionIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<SessionParticipant>> bySession = new HashMap<>();
                    rows.forEach(row -> bySession.computeIfAbsent(row.getUUID("session_id"), id -> new ArrayList<>())
                            .add(toParticipant(row)));
                    return bySession;
                });
    }

    public Uni<Void> insertTimeline(SqlConnection conn, List<TimelineEntry> entries) {
        return entries.isEmpty() ? Uni.createFrom().voidItem() : conn.preparedQuery(
                "INSERT INTO session_timeline (session_id, event_id, type, origin, room, identity, role, role_source, user_id, "
                        + "problems, reason, token_expires_at, occurred_at, received_at, outcome, payload, receives_video, "
                        + "receives_audio, participant_kind) "
                        + "SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], "
                        + "$8::text[], $9::text[], $10::text[], $11::text[], $12::timestamptz[], $13::timestamptz[], "
                        + "$14::timestamptz[], $15::text[], $16::text[], $17::bool[], $18::bool[], $19::text[])")
                .execute(columns(entries, uuid(e -> e.sessionId), text(e -> e.eventId), text(e -> e.type), text(e -> e.origin),
                        text(e -> e.room), text(e -> e.identity), text(e -> e.role), text(e -> e.roleSource), text(e -> e.userId),
                        text(e -> e.problems), text(e -> e.reason), time(e -> e.tokenExpiresAt), time(e -> e.occurredAt),
                        time(e -> e.receivedAt), text(e -> e.outcome), text(e -> e.payload), bool(e -> e.receivesVideo),
                        bool(e -> e.receivesAudio), text(e -> e.participantKind)))
                .replaceWithVoid();
    }

    public Uni<Void> upsertParticipants(SqlConnection conn, List<SessionParticipant> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem() : conn.preparedQuery(
                "INSERT INTO session_participants (session_id, sid, role, identity, user_id, active, joined_at, left_at, left_reason, "
                        + "tracks, kind) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bool[], "
                        + "$7::timestamptz[], $8::timestamptz[], $9::text[], $10::text[], $11::text[]) "
                        + "ON CONFLICT (session_id, sid) DO UPDATE SET active = EXCLUDED.active, joined_at = EXCLUDED.joined_at, "
                        + "left_at = EXCLUDED.left_at, left_reason = EXCLUDED.left_reason, tracks = EXCLUDED.tracks")
                .execute(columns(rows, uuid(p -> p.sessionId), text(p -> p.sid), text(p -> p.role), text(p -> p.identity),
                        text(p -> p.userId), bool(p -> p.active), time(p -> p.joinedAt), time(p -> p.leftAt),
                        text(p -> p.leftReason), text(p -> p.tracks), text(p -> p.kind)))
                .replaceWithVoid();
    }

    /** Writes the folded state of the sessions (the roster and creation time never change). */
    public Uni<Void> updateSessions(SqlConnection conn, List<Session> sessions) {
        return sessions.isEmpty() ? Uni.createFrom().voidItem() : conn.preparedQuery(
                "UPDATE sessions s SET status = v.status, version = v.version, customer_identity = v.ci, customer_since = v.cs, "
                        + "mechanic_identity = v.mi, mechanic_since = v.ms, ready_at = v.ra, ended_at = v.ea, end_reason = v.er, "
                        + "customer_camera = v.cc, customer_microphone = v.cm, mechanic_camera = v.mc, mechanic_microphone = v.mm, "
                        + "media_ready = v.mr, waiting_for = v.wf, waiting_since = v.ws, waiting_overdue = v.wo, "
                        + "empty_since = v.es, met_at = v.ma, "
                        + "customer_receives_video = v.crv, customer_receives_audio = v.cra, customer_reception_problem = v.crp, "
                        + "customer_reported_at = v.crt, mechanic_receives_video = v.mrv, mechanic_receives_audio = v.mra, "
                        + "mechanic_reception_problem = v.mrp, mechanic_reported_at = v.mrt, ready_observed_at = v.ro, "
                        + "others = v.ot, recording = v.rec "
                        + "FROM unnest($1::uuid[], $2::text[], $3::int8[], $4::text[], $5::timestamptz[], $6::text[], "
                        + "$7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::text[], $11::bool[], $12::bool[], "
                        + "$13::bool[], $14::bool[], $15::bool[], $16::text[], $17::timestamptz[], $18::bool[], "
                        + "$19::timestamptz[], $20::timestamptz[], $21::bool[], $22::bool[], $23::text[], $24::timestamptz[], "
                        + "$25::bool[], $26::bool[], $27::text[], $28::timestamptz[], $29::timestamptz[], $30::text[], $31::bool[]) "
                        + "AS v(id, status, version, ci, cs, mi, ms, ra, ea, er, cc, cm, mc, mm, mr, wf, ws, wo, es, ma, "
                        + "crv, cra, crp, crt, mrv, mra, mrp, mrt, ro, ot, rec) WHERE s.id = v.id")
                .execute(columns(sessions, uuid(s -> s.id), text(s -> s.status.name()), int8(s -> s.version),
                        text(s -> s.customerIdentity), time(s -> s.customerSince), text(s -> s.mechanicIdentity),
                        time(s -> s.mechanicSince), time(s -> s.readyAt), time(s -> s.endedAt), text(s -> s.endReason),
                        bool(s -> s.customerCamera), bool(s -> s.customerMicrophone), bool(s -> s.mechanicCamera),
                        bool(s -> s.mechanicMicrophone), bool(s -> s.mediaReady), text(s -> s.waitingFor),
                        time(s -> s.waitingSince), bool(s -> s.waitingOverdue), time(s -> s.emptySince), time(s -> s.metAt),
                        bool(s -> s.customerReceivesVideo), bool(s -> s.customerReceivesAudio), text(s -> s.customerReceptionProblem),
                        time(s -> s.customerReportedAt), bool(s -> s.mechanicReceivesVideo), bool(s -> s.mechanicReceivesAudio),
                        text(s -> s.mechanicReceptionProblem), time(s -> s.mechanicReportedAt), time(s -> s.readyObservedAt),
                        text(s -> s.others), bool(s -> s.recording)))
                .replaceWithVoid();
    }

    public Uni<Void> insertSignals(SqlConnection conn, List<OutboxSignal> signals) {
        return signals.isEmpty() ? Uni.createFrom().voidItem() : conn.preparedQuery(
                "INSERT INTO signal_outbox (session_id, version, type, payload, created_at, trace_parent, cause_received_at) "
                        + "SELECT * FROM unnest($1::uuid[], $2::int8[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], "
                        + "$7::timestamptz[])")
                .execute(columns(signals, uuid(s -> s.sessionId), int8(s -> s.version), text(s -> s.type), text(s -> s.payload),
                        time(s -> s.createdAt), text(s -> s.traceParent), time(s -> s.causeReceivedAt)))
                .replaceWithVoid();
    }

    /**
     * Minted tokens, folded into one row per session and role: the latest token, when the first was
     * minted, and how many. A mint is counted once: a row only moves forward in (issued_at, event_id),
     * so a redelivered batch counts nothing twice. Tokens of sessions that do not exist are dropped.
     */
    public Uni<Void> upsertTokens(SqlConnection conn, List<TokenEvent> tokens) {
        return conn.preparedQuery("WITH batch AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], "
                        + "$6::timestamptz[], $7::timestamptz[], $8::text[]) AS b(session_id, role, user_id, identity, room, issued_at, "
                        + "expires_at, event_id) WHERE b.session_id IS NOT NULL AND b.role IN ('customer', 'mechanic') "
                        + "AND b.issued_at IS NOT NULL AND b.event_id IS NOT NULL), "
                        + "fresh AS (SELECT b.* FROM batch b JOIN sessions s ON s.id = b.session_id "
                        + "LEFT JOIN session_tokens t ON t.session_id = b.session_id AND t.role = b.role "
                        + "WHERE t.session_id IS NULL OR (b.issued_at, b.event_id) > (t.issued_at, t.event_id)), "
                        + "folded AS (SELECT DISTINCT ON (session_id, role) session_id, role, user_id, identity, room, "
                        + "min(issued_at) OVER w AS first_issued_at, issued_at, expires_at, event_id, count(*) OVER w AS minted "
                        + "FROM fresh WINDOW w AS (PARTITION BY session_id, role) ORDER BY session_id, role, issued_at DESC, event_id DESC) "
                        + "INSERT INTO session_tokens (session_id, role, user_id, identity, room, first_issued_at, issued_at, expires_at, "
                        + "event_id, minted) SELECT * FROM folded ON CONFLICT (session_id, role) DO UPDATE SET user_id = EXCLUDED.user_id, "
                        + "identity = EXCLUDED.identity, room = EXCLUDED.room, issued_at = EXCLUDED.issued_at, "
                        + "expires_at = EXCLUDED.expires_at, event_id = EXCLUDED.event_id, "
                        + "minted = session_tokens.minted + EXCLUDED.minted")
                .execute(columns(tokens, uuid(t -> Names.sessionIdOrNull(t.sessionId())), text(TokenEvent::role),
                        text(TokenEvent::userId), text(TokenEvent::identity), text(TokenEvent::room), time(TokenEvent::issuedAt),
                        time(TokenEvent::expiresAt), text(TokenEvent::eventId)))
                .replaceWithVoid();
    }

    /** A new session and its first signal, in one statement. */
    public Uni<Void> insertSession(SqlConnection conn, Session s, OutboxSignal created) {
        return conn.preparedQuery("WITH s AS (INSERT INTO sessions (" + SessionRows.COLUMNS + ") "
                        + "VALUES (" + NEW_SESSION + ") RETURNING id) "
                        + "INSERT INTO signal_outbox (session_id, version, type, payload, created_at) "
                        + "SELECT id, $5, $7, $8, $9 FROM s")
                .execute(Tuple.tuple().addValue(s.id).addValue(s.customerId).addValue(s.mechanicId).addValue(s.status.name())
                        .addValue(s.version).addValue(time(s.createdAt)).addValue(created.type).addValue(created.payload)
                        .addValue(time(created.createdAt)))
                .replaceWithVoid();
    }

    /**
     * Creates the session with its signal under a backend's idempotency key, in one auto-committed
     * statement, unless the key is taken: then nothing is written and the answer is false. Two
     * requests with one key at once create one session (the second waits on the key's row).
     */
    public Uni<Boolean> insertSessionOnce(SqlConnection conn, Session s, OutboxSignal created, String caller, String key) {
        return conn.preparedQuery("WITH k AS (INSERT INTO session_idempotency_keys "
                        + "(caller, idempotency_key, customer_id, mechanic_id, session_id, created_at) "
                        + "VALUES ($10, $11, $2, $3, $1, $6) ON CONFLICT DO NOTHING RETURNING session_id), "
                        + "s AS (INSERT INTO sessions (" + SessionRows.COLUMNS + ") "
                        + "SELECT " + NEW_SESSION + " FROM k RETURNING id) "
                        + "INSERT INTO signal_outbox (session_id, version, type, payload, created_at) "
                        + "SELECT id, $5, $7, $8, $9 FROM s")
                .execute(Tuple.tuple().addValue(s.id).addValue(s.customerId).addValue(s.mechanicId).addValue(s.status.name())
                        .addValue(s.version).addValue(time(s.createdAt)).addValue(created.type).addValue(created.payload)
                        .addValue(time(created.createdAt)).addValue(caller).addValue(key))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The roster a backend's idempotency key was first used with, and the session it created; null if unused. */
    public Uni<KeyedSession> keyedSession(SqlConnection conn, String caller, String key) {
        return conn.preparedQuery("SELECT customer_id, mechanic_id, session_id FROM session_idempotency_keys "
                        + "WHERE caller = $1 AND idempotency_key = $2")
                .execute(Tuple.of(caller, key))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row row = it.next();
                    return new KeyedSession(row.getString("customer_id"), row.getString("mechanic_id"), row.getUUID("session_id"));
                });
    }

    /** What an idempotency key was first used for. */
    public record KeyedSession(String customerId, String mechanicId, UUID sessionId) {
    }

    /** A column of a batch: the Java type its array is bound as, and how a row's value is read. */
    private record Column<T>(Class<?> type, Function<T, ?> value) {
    }

    private static <T> Column<T> uuid(Function<T, UUID> value) {
        return new Column<>(UUID.class, value);
    }

    private static <T> Column<T> text(Function<T, String> value) {
        return new Column<>(String.class, value);
    }

    private static <T> Column<T> int8(Function<T, Long> value) {
        return new Column<>(Long.class, value);
    }

    private static <T> Column<T> bool(Function<T, Boolean> value) {
        return new Column<>(Boolean.class, value);
    }

    private static <T> Column<T> time(Function<T, Instant> value) {
        return new Column<>(OffsetDateTime.class, row -> time(value.apply(row)));
    }

    /** One array parameter per column, in the order given. */
    @SafeVarargs
    private static <T> Tuple columns(List<T> rows, Column<T>... columns) {
        Tuple tuple = Tuple.tuple();
        for (Column<T> column : columns) {
            Object[] values = (Object[]) Array.newInstance(column.type(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                values[i] = column.value().apply(rows.get(i));
            }
            tuple.addValue(values);
        }
        return tuple;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static SessionParticipant toParticipant(Row row) {
        SessionParticipant p = new SessionParticipant();
        p.sessionId = row.getUUID("session_id");
        p.sid = row.getString("sid");
        p.role = row.getString("role");
        p.identity = row.getString("identity");
        p.userId = row.getString("user_id");
        p.active = row.getBoolean("active");
        p.joinedAt = SessionRows.instant(row, "joined_at");
        p.leftAt = SessionRows.instant(row, "left_at");
        p.leftReason = row.getString("left_reason");
        p.tracks = row.getString("tracks");
        p.kind = row.getString("kind");
        return p;
    }
}
