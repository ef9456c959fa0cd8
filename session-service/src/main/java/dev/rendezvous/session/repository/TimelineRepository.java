package dev.rendezvous.session.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** What the services saw about a session, for diagnosis and the support view. */
@ApplicationScoped
public class TimelineRepository {

    private final Pool pool;

    public TimelineRepository(Pool pool) {
        this.pool = pool;
    }

    /** The session's latest entries, at most {@code limit}, oldest first: a bounded read, however long the timeline. */
    public Uni<List<TimelineEntry>> latest(UUID sessionId, int limit) {
        return pool.preparedQuery("SELECT id, session_id, event_id, type, origin, room, identity, role, role_source, user_id, "
                        + "problems, reason, token_expires_at, receives_video, receives_audio, occurred_at, received_at, outcome, "
                        + "payload, participant_kind FROM session_timeline WHERE session_id = $1 ORDER BY id DESC LIMIT $2")
                .execute(Tuple.of(sessionId, limit))
                .map(rows -> {
                    List<TimelineEntry> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(toEntry(row)));
                    Collections.reverse(entries);
                    return entries;
                });
    }

    private static TimelineEntry toEntry(Row row) {
        TimelineEntry e = new TimelineEntry();
        e.id = row.getLong("id");
        e.sessionId = row.getUUID("session_id");
        e.eventId = row.getString("event_id");
        e.type = row.getString("type");
        e.origin = row.getString("origin");
        e.room = row.getString("room");
        e.identity = row.getString("identity");
        e.role = row.getString("role");
        e.roleSource = row.getString("role_source");
        e.userId = row.getString("user_id");
        e.problems = row.getString("problems");
        e.reason = row.getString("reason");
        e.tokenExpiresAt = SessionRows.instant(row, "token_expires_at");
        e.receivesVideo = row.getBoolean("receives_video");
        e.receivesAudio = row.getBoolean("receives_audio");
        e.occurredAt = SessionRows.instant(row, "occurred_at");
        e.receivedAt = SessionRows.instant(row, "received_at");
        e.outcome = row.getString("outcome");
        e.payload = row.getString("payload");
        e.participantKind = row.getString("participant_kind");
        return e;
    }
}
