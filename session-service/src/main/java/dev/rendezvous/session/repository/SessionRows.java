package dev.rendezvous.session.repository;

import dev.rendezvous.kernel.wire.SessionStatus;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A session as the SQL client reads it: the {@code sessions} row joined with its {@code session_members}
 * rows (one result row per member, in roster order), and the entity made of them.
 */
final class SessionRows {

    /** What a read selects, as {@code FROM sessions s JOIN session_members m ON m.session_id = s.id}. */
    static final String SELECTED = "s.id, s.status, s.version, s.created_at, s.ready_at, s.ended_at, s.end_reason, "
            + "s.media_ready, s.waiting_for, s.waiting_since, s.waiting_overdue, s.empty_since, s.ever_joined, s.met_at, "
            + "s.ready_observed_at, s.others, s.recording, m.position, m.user_id, m.role, m.identity, m.since, m.camera, "
            + "m.microphone, m.receives_video, m.receives_audio, m.reception_problem, m.reported_at";

    static final String FROM = " FROM sessions s JOIN session_members m ON m.session_id = s.id ";

    private SessionRows() {
    }

    /** The sessions of a read, by id in the order read, each with its members in roster order. */
    static Map<UUID, Session> toSessions(RowSet<Row> rows) {
        Map<UUID, Session> sessions = new LinkedHashMap<>();
        for (Row row : rows) {
            Session s = sessions.computeIfAbsent(row.getUUID("id"), id -> toSession(row));
            s.members.add(toMember(row));
        }
        return sessions;
    }

    private static Session toSession(Row row) {
        Session s = new Session();
        s.id = row.getUUID("id");
        s.status = SessionStatus.valueOf(row.getString("status"));
        s.version = row.getLong("version");
        s.createdAt = instant(row, "created_at");
        s.readyAt = instant(row, "ready_at");
        s.endedAt = instant(row, "ended_at");
        s.endReason = row.getString("end_reason");
        s.mediaReady = row.getBoolean("media_ready");
        s.waitingFor = row.getString("waiting_for");
        s.waitingSince = instant(row, "waiting_since");
        s.waitingOverdue = row.getBoolean("waiting_overdue");
        s.emptySince = instant(row, "empty_since");
        s.everJoined = row.getBoolean("ever_joined");
        s.metAt = instant(row, "met_at");
        s.readyObservedAt = instant(row, "ready_observed_at");
        s.others = row.getString("others");
        s.recording = row.getBoolean("recording");
        return s;
    }

    private static SessionMember toMember(Row row) {
        return new SessionMember(row.getString("user_id"), row.getString("role"), row.getString("identity"), instant(row, "since"),
                row.getBoolean("camera"), row.getBoolean("microphone"), row.getBoolean("receives_video"),
                row.getBoolean("receives_audio"), row.getString("reception_problem"), instant(row, "reported_at"));
    }

    /** A timestamptz column as an instant, null for NULL; every statement class here reads times this way. */
    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
