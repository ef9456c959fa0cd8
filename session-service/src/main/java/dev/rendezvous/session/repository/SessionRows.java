package dev.rendezvous.session.repository;

import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.Session;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;

/** A session row as the SQL client reads it: its columns, and the entity made of them. */
final class SessionRows {

    static final String COLUMNS = "id, customer_id, mechanic_id, status, version, customer_identity, "
            + "customer_since, mechanic_identity, mechanic_since, created_at, ready_at, ended_at, end_reason, "
            + "customer_camera, customer_microphone, mechanic_camera, mechanic_microphone, media_ready, "
            + "waiting_for, waiting_since, waiting_overdue, empty_since, met_at, "
            + "customer_receives_video, customer_receives_audio, customer_reception_problem, customer_reported_at, "
            + "mechanic_receives_video, mechanic_receives_audio, mechanic_reception_problem, mechanic_reported_at, ready_observed_at";

    /** What a read selects: the columns a creation writes, and those only the fold writes. */
    static final String SELECTED = COLUMNS + ", others, recording";

    private SessionRows() {
    }

    static Session toSession(Row row) {
        Session s = new Session();
        s.id = row.getUUID("id");
        s.customerId = row.getString("customer_id");
        s.mechanicId = row.getString("mechanic_id");
        s.status = SessionStatus.valueOf(row.getString("status"));
        s.version = row.getLong("version");
        s.customerIdentity = row.getString("customer_identity");
        s.customerSince = instant(row, "customer_since");
        s.mechanicIdentity = row.getString("mechanic_identity");
        s.mechanicSince = instant(row, "mechanic_since");
        s.createdAt = instant(row, "created_at");
        s.readyAt = instant(row, "ready_at");
        s.endedAt = instant(row, "ended_at");
        s.endReason = row.getString("end_reason");
        s.customerCamera = row.getBoolean("customer_camera");
        s.customerMicrophone = row.getBoolean("customer_microphone");
        s.mechanicCamera = row.getBoolean("mechanic_camera");
        s.mechanicMicrophone = row.getBoolean("mechanic_microphone");
        s.mediaReady = row.getBoolean("media_ready");
        s.waitingFor = row.getString("waiting_for");
        s.waitingSince = instant(row, "waiting_since");
        s.waitingOverdue = row.getBoolean("waiting_overdue");
        s.emptySince = instant(row, "empty_since");
        s.metAt = instant(row, "met_at");
        s.customerReceivesVideo = row.getBoolean("customer_receives_video");
        s.customerReceivesAudio = row.getBoolean("customer_receives_audio");
        s.customerReceptionProblem = row.getString("customer_reception_problem");
        s.customerReportedAt = instant(row, "customer_reported_at");
        s.mechanicReceivesVideo = row.getBoolean("mechanic_receives_video");
        s.mechanicReceivesAudio = row.getBoolean("mechanic_receives_audio");
        s.mechanicReceptionProblem = row.getString("mechanic_reception_problem");
        s.mechanicReportedAt = instant(row, "mechanic_reported_at");
        s.readyObservedAt = instant(row, "ready_observed_at");
        s.others = row.getString("others");
        s.recording = row.getBoolean("recording");
        return s;
    }

    /** A timestamptz column as an instant, null for NULL; every statement class here reads times this way. */
    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
