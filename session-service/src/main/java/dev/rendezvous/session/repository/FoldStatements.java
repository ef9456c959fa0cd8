package dev.rendezvous.session.repository;

import dev.rendezvous.kernel.Names;
import dev.rendezvous.kernel.wire.TokenEvent;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The statements of the write path, each one round trip for a whole batch (arrays bound as
 * parameters and unnested), so a batch costs the same handful of round trips as a single event.
 * Every method runs on the caller's connection, inside the caller's transaction.
 */
@ApplicationScoped
public class FoldStatements {

    static final String PARTICIPANT_COLUMNS = "session_id, sid, role, identity, user_id, active, joined_at, left_at, left_reason, "
            + "tracks, kind";

    /** A new session's row: $1 id, $2 status, $3 version, $4 created (nobody there since). */
    private static final String NEW_SESSION = "INSERT INTO sessions (id, status, version, created_at, empty_since) "
            + "VALUES ($1::uuid, $2::text, $3::int8, $4::timestamptz, $4::timestamptz)";

    /** A new session's members, from arrays: $5 user ids and $6 roles, in roster order. */
    private static final String NEW_MEMBERS = "INSERT INTO session_members (session_id, position, user_id, role) "
            + "SELECT id, (m.n - 1)::smallint, m.user_id, m.role FROM s, unnest($5::text[], $6::text[]) WITH ORDINALITY AS m(user_id, role, n)";

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
        return conn.preparedQuery("SELECT " + SessionRows.SELECTED + SessionRows.FROM
                        + "WHERE s.id = ANY($1) ORDER BY s.id, m.position FOR UPDATE OF s")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(SessionRows::toSessions);
    }

    public Uni<Map<UUID, List<SessionParticipant>>> participants(SqlConnection conn, Set<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return conn.preparedQuery("SELECT " + PARTICIPANT_COLUMNS + " "
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

    /**
     * Writes the folded state of the sessions and the member rows that changed, in one statement (the
     * roster and the creation time never change).
     */
    public Uni<Void> updateSessions(SqlConnection conn, List<Session> sessions, List<MemberRow> members) {
        if (sessions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple sessionColumns = columns(sessions, uuid(s -> s.id), text(s -> s.status.name()), int8(s -> s.version),
                time(s -> s.readyAt), time(s -> s.endedAt), text(s -> s.endReason), bool(s -> s.mediaReady),
                text(s -> s.waitingFor), time(s -> s.waitingSince), bool(s -> s.waitingOverdue), time(s -> s.emptySince),
                bool(s -> s.everJoined), time(s -> s.metAt), time(s -> s.readyObservedAt), text(s -> s.others),
                bool(s -> s.recording));
        Tuple memberColumns = columns(members, uuid(MemberRow::sessionId), int2(MemberRow::position),
                text(m -> m.member().identity()), time(m -> m.member().since()), bool(m -> m.member().camera()),
                bool(m -> m.member().microphone()), bool(m -> m.member().receivesVideo()), bool(m -> m.member().receivesAudio()),
                text(m -> m.member().receptionProblem()), time(m -> m.member().reportedAt()));
        for (int i = 0; i < memberColumns.size(); i++) {
            sessionColumns.addValue(memberColumns.getValue(i));
        }
        return conn.preparedQuery("WITH members AS (UPDATE session_members m SET identity = v.identity, since = v.since, "
                        + "camera = v.camera, microphone = v.microphone, receives_video = v.rv, receives_audio = v.ra, "
                        + "reception_problem = v.rp, reported_at = v.rt "
                        + "FROM unnest($17::uuid[], $18::int2[], $19::text[], $20::timestamptz[], $21::bool[], $22::bool[], "
                        + "$23::bool[], $24::bool[], $25::text[], $26::timestamptz[]) "
                        + "AS v(session_id, position, identity, since, camera, microphone, rv, ra, rp, rt) "
                        + "WHERE m.session_id = v.session_id AND m.position = v.position) "
                        + "UPDATE sessions s SET status = v.status, version = v.version, ready_at = v.ra, ended_at = v.ea, "
                        + "end_reason = v.er, media_ready = v.mr, waiting_for = v.wf, waiting_since = v.ws, waiting_overdue = v.wo, "
                        + "empty_since = v.es, ever_joined = v.ej, met_at = v.ma, ready_observed_at = v.ro, others = v.ot, "
                        + "recording = v.rec "
                        + "FROM unnest($1::uuid[], $2::text[], $3::int8[], $4::timestamptz[], $5::timestamptz[], $6::text[], "
                        + "$7::bool[], $8::text[], $9::timestamptz[], $10::bool[], $11::timestamptz[], $12::bool[], "
                        + "$13::timestamptz[], $14::timestamptz[], $15::text[], $16::bool[]) "
                        + "AS v(id, status, version, ra, ea, er, mr, wf, ws, wo, es, ej, ma, ro, ot, rec) WHERE s.id = v.id")
                .execute(sessionColumns)
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

    /** A new session, its members and its first signal, in one statement. */
    public Uni<Void> insertSession(SqlConnection conn, Session s, OutboxSignal created) {
        return conn.preparedQuery("WITH s AS (" + NEW_SESSION + " RETURNING id), m AS (" + NEW_MEMBERS + ") "
                        + "INSERT INTO signal_outbox (session_id, version, type, payload, created_at) "
                        + "SELECT id, $3, $7, $8, $9 FROM s")
                .execute(newSession(s, created))
                .replaceWithVoid();
    }

    /**
     * Creates the session with its members and signal under a backend's idempotency key, in one
     * auto-committed statement, unless the key is taken: then nothing is written and the answer is false.
     * Two requests with one key at once create one session (the second waits on the key's row).
     */
    public Uni<Boolean> insertSessionOnce(SqlConnection conn, Session s, OutboxSignal created, String caller, String key) {
        return conn.preparedQuery("WITH k AS (INSERT INTO session_idempotency_keys "
                        + "(caller, idempotency_key, roster, session_id, created_at) "
                        + "VALUES ($10, $11, $12, $1, $4) ON CONFLICT DO NOTHING RETURNING session_id), "
                        + "s AS (INSERT INTO sessions (id, status, version, created_at, empty_since) "
                        + "SELECT $1::uuid, $2::text, $3::int8, $4::timestamptz, $4::timestamptz FROM k RETURNING id), "
                        + "m AS (" + NEW_MEMBERS + ") "
                        + "INSERT INTO signal_outbox (session_id, version, type, payload, created_at) "
                        + "SELECT id, $3, $7, $8, $9 FROM s")
                .execute(newSession(s, created).addValue(caller).addValue(key).addValue(roster(s)))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Tuple newSession(Session s, OutboxSignal created) {
        return Tuple.tuple().addValue(s.id).addValue(s.status.name()).addValue(s.version).addValue(time(s.createdAt))
                .addValue(s.members.stream().map(SessionMember::userId).toArray(String[]::new))
                .addValue(s.members.stream().map(SessionMember::role).toArray(String[]::new))
                .addValue(created.type).addValue(created.payload).addValue(time(created.createdAt));
    }

    /** A roster as one canonical text, the same whatever order its members were named in: role:userId, sorted. */
    public static String roster(Session s) {
        return s.members.stream().map(m -> m.role() + ":" + m.userId()).sorted().collect(Collectors.joining(","));
    }

    /** The roster a backend's idempotency key was first used with, and the session it created; null if unused. */
    public Uni<KeyedSession> keyedSession(SqlConnection conn, String caller, String key) {
        return conn.preparedQuery("SELECT roster, session_id FROM session_idempotency_keys "
                        + "WHERE caller = $1 AND idempotency_key = $2")
                .execute(Tuple.of(caller, key))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row row = it.next();
                    return new KeyedSession(row.getString("roster"), row.getUUID("session_id"));
                });
    }

    /** What an idempotency key was first used for: the roster (as {@link #roster}) and the session. */
    public record KeyedSession(String roster, UUID sessionId) {
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

    private static <T> Column<T> int2(Function<T, Short> value) {
        return new Column<>(Short.class, value);
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

    static SessionParticipant toParticipant(Row row) {
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
