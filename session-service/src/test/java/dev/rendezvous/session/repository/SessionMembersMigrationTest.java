package dev.rendezvous.session.repository;

import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.kernel.wire.SessionSnapshot.Media;
import dev.rendezvous.kernel.wire.SessionSnapshot.Party;
import dev.rendezvous.kernel.wire.SessionSnapshot.Receives;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.mapping.SessionMapper;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V12 moves the per-role columns of {@code sessions} to rows of {@code session_members}. On a copy of
 * the schema as it was (V11) holding a waiting, a READY and an ENDED session, the migration must keep
 * every API answer identical: the snapshot the new code reads equals, record for record, the one the
 * old columns described (what SessionMapper made of them before V12: a party per role, its receives
 * shown only while both are present).
 */
class SessionMembersMigrationTest {

    private static final String HOST = System.getenv().getOrDefault("DB_HOST", "127.0.0.1");
    private static final int PORT = Integer.parseInt(System.getenv().getOrDefault("DB_PORT", "5432"));
    private static final String DATABASE = System.getenv().getOrDefault("DB_TEST_NAME", "rendezvous_test");
    private static final String USER = System.getenv().getOrDefault("DB_USER", "rendezvous");
    private static final String PASSWORD = System.getenv().getOrDefault("DB_PASSWORD", "rendezvous");
    private static final String URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE;
    private static final Instant T = Instant.parse("2026-11-30T09:00:00Z");

    private final String schema = "v12_copy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final UUID waiting = UUID.randomUUID();
    private final UUID ready = UUID.randomUUID();
    private final UUID ended = UUID.randomUUID();
    private Vertx vertx;
    private Pool pool;

    @BeforeEach
    void schemaAsItWasAtV11() throws Exception {
        flyway("11").migrate();
        sql("INSERT INTO sessions (id, customer_id, mechanic_id, status, version, customer_identity, customer_since, "
                + "created_at, customer_camera, customer_microphone, waiting_for, waiting_since, waiting_overdue, empty_since) "
                + "VALUES ('" + waiting + "', 'cust-w', 'mech-w', 'WAITING', 3, 'customer-cust-w', '" + T.plusSeconds(5) + "', '"
                + T + "', true, false, 'mechanic', '" + T.plusSeconds(5) + "', true, NULL)",
                "INSERT INTO sessions (id, customer_id, mechanic_id, status, version, customer_identity, customer_since, "
                + "mechanic_identity, mechanic_since, created_at, ready_at, met_at, customer_camera, customer_microphone, "
                + "mechanic_camera, mechanic_microphone, media_ready, customer_receives_video, customer_receives_audio, "
                + "customer_reported_at, mechanic_receives_video, mechanic_receives_audio, mechanic_reception_problem, "
                + "mechanic_reported_at, ready_observed_at, others, recording) VALUES ('" + ready + "', 'cust-r', 'mech-r', "
                + "'READY', 7, 'customer-cust-r', '" + T.plusSeconds(3) + "', 'mechanic-mech-r', '" + T.plusSeconds(9) + "', '" + T
                + "', '" + T.plusSeconds(9) + "', '" + T.plusSeconds(9) + "', true, true, true, true, true, true, true, '"
                + T.plusSeconds(12) + "', true, false, 'autoplay-blocked', '" + T.plusSeconds(13) + "', '" + T.plusSeconds(9)
                + "', '[{\"kind\":\"EGRESS\",\"identity\":\"EG_1\",\"since\":\"" + T.plusSeconds(20) + "\"}]', true)",
                "INSERT INTO sessions (id, customer_id, mechanic_id, status, version, customer_identity, mechanic_identity, "
                + "created_at, ready_at, met_at, ended_at, end_reason, empty_since) VALUES ('" + ended + "', 'cust-e', 'mech-e', "
                + "'ENDED', 12, 'customer-cust-e', 'mechanic-mech-e', '" + T + "', NULL, '" + T.plusSeconds(30) + "', '"
                + T.plusSeconds(600) + "', 'ended-by-customer', NULL)",
                "INSERT INTO session_idempotency_keys (caller, idempotency_key, customer_id, mechanic_id, session_id, created_at) "
                + "VALUES ('backend-1', 'key-1', 'cust-r', 'mech-r', '" + ready + "', '" + T + "')");
        vertx = Vertx.vertx();
        pool = Pool.pool(vertx, new PgConnectOptions().setHost(HOST).setPort(PORT).setDatabase(DATABASE).setUser(USER)
                .setPassword(PASSWORD).addProperty("search_path", schema), new PoolOptions().setMaxSize(1));
    }

    @AfterEach
    void dropTheCopy() throws Exception {
        if (pool != null) {
            pool.closeAndAwait();
            vertx.closeAndAwait();
        }
        sql("DROP SCHEMA " + schema + " CASCADE");
    }

    @Test
    void shouldKeepEveryExistingSessionsAnswersIdentical() throws Exception {
        flyway(null).migrate();

        assertThat(snapshot(waiting)).isEqualTo(new SessionSnapshot(waiting, SessionStatus.WAITING, 3,
                new Party("cust-w", true, "customer-cust-w", T.plusSeconds(5), new Media(true, false), Receives.NOTHING),
                new Party("mech-w", false, null, null, new Media(false, false), Receives.NOTHING),
                false, false, new SessionSnapshot.Waiting(Role.MECHANIC, T.plusSeconds(5), true), null, null, null));
        assertThat(snapshot(ready)).isEqualTo(new SessionSnapshot(ready, SessionStatus.READY, 7,
                new Party("cust-r", true, "customer-cust-r", T.plusSeconds(3), new Media(true, true), new Receives(true, true)),
                new Party("mech-r", true, "mechanic-mech-r", T.plusSeconds(9), new Media(true, true), new Receives(true, false)),
                true, false, null, T.plusSeconds(9), null, null,
                List.of(new SessionSnapshot.Other("EGRESS", "EG_1", T.plusSeconds(20))), true));
        assertThat(snapshot(ended)).isEqualTo(new SessionSnapshot(ended, SessionStatus.ENDED, 12,
                new Party("cust-e", false, "customer-cust-e", null, new Media(false, false), Receives.NOTHING),
                new Party("mech-e", false, "mechanic-mech-e", null, new Media(false, false), Receives.NOTHING),
                false, false, null, null, T.plusSeconds(600), "ended-by-customer"));

        assertThat(text("SELECT string_agg(role || ':' || user_id, ',' ORDER BY position) FROM session_members "
                + "WHERE session_id = '" + ready + "'")).isEqualTo("customer:cust-r,mechanic:mech-r");
        assertThat(text("SELECT string_agg(id::text || '=' || ever_joined, ',' ORDER BY ever_joined, status) FROM sessions"))
                .contains(waiting + "=true", ready + "=true", ended + "=true");
        assertThat(text("SELECT roster FROM session_idempotency_keys WHERE idempotency_key = 'key-1'"))
                .isEqualTo("customer:cust-r,mechanic:mech-r");
        assertThat(text("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema
                + "' AND table_name = 'sessions' AND (column_name LIKE 'customer%' OR column_name LIKE 'mechanic%')"))
                .as("no per-role column is left").isEqualTo("0");
    }

    private SessionSnapshot snapshot(UUID id) {
        Session session = new SessionReads(pool).byId(id).await().atMost(Duration.ofSeconds(10));
        return SessionMapper.toSnapshot(session);
    }

    private Flyway flyway(String target) {
        var config = Flyway.configure().dataSource(URL, USER, PASSWORD).schemas(schema).createSchemas(true)
                .locations("classpath:db/migration");
        return (target == null ? config : config.target(target)).load();
    }

    private String text(String query) throws Exception {
        try (Connection c = DriverManager.getConnection(URL + "?currentSchema=" + schema, USER, PASSWORD);
             Statement s = c.createStatement(); var rows = s.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(URL + "?currentSchema=" + schema, USER, PASSWORD);
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
