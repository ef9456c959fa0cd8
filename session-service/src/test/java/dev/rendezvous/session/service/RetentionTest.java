package dev.rendezvous.session.service;

import dev.rendezvous.session.repository.JobLeases;
import dev.rendezvous.session.repository.OutboxStatements;
import dev.rendezvous.session.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class RetentionTest {

    @Inject
    Retention retention;

    @Inject
    JobLeases leases;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void shouldForgetOldEventIdsAndPublishedSignalsButKeepRecentOnes() throws Throwable {
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Sql.execute("INSERT INTO processed_events (event_id, processed_at) VALUES ('" + old + "', now() - interval '9 days'), ('"
                + recent + "', now())");
        // The outbox sweep would publish the pending signal at once; holding the session's relay lock
        // keeps it pending, as a signal whose broker is away stays.
        try (Connection relayLock = DriverManager.getConnection(jdbcUrl, "rendezvous", "rendezvous");
             PreparedStatement lock = relayLock.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))")) {
            lock.setInt(1, OutboxStatements.RELAY_LOCKS);
            lock.setString(2, session.toString());
            lock.execute();
            Sql.execute("INSERT INTO signal_outbox (session_id, version, type, payload, created_at, published_at) VALUES ('" + session
                    + "', 1, 't', '{}', now() - interval '3 days', now() - interval '3 days'), ('" + session
                    + "', 2, 't', '{}', now() - interval '3 days', NULL)");

            VertxContextSupport.subscribeAndAwait(() -> retention.purge());

            assertThat(Sql.count("SELECT count(*) FROM processed_events WHERE event_id IN ('" + old + "', '" + recent + "')")).isEqualTo(1);
            assertThat(Sql.count("SELECT count(*) FROM signal_outbox WHERE session_id = '" + session + "' AND published_at IS NULL"))
                    .as("an unpublished signal is never deleted").isEqualTo(1);
            assertThat(Sql.count("SELECT count(*) FROM signal_outbox WHERE session_id = '" + session + "'"))
                    .as("the published one is").isEqualTo(1);
            Sql.execute("DELETE FROM signal_outbox WHERE session_id = '" + session + "'");
        }
    }

    @Test
    void shouldForgetIdempotencyKeysOlderThanTheirRetention() throws Throwable {
        String caller = "retention-" + UUID.randomUUID();
        Sql.execute("INSERT INTO session_idempotency_keys (caller, idempotency_key, roster, session_id, created_at) "
                + "VALUES ('" + caller + "', 'old', 'customer:c,mechanic:m', '" + UUID.randomUUID() + "', now() - interval '25 hours'), ('"
                + caller + "', 'recent', 'customer:c,mechanic:m', '" + UUID.randomUUID() + "', now() - interval '23 hours')");
        VertxContextSupport.subscribeAndAwait(() -> retention.purge());
        assertThat(Sql.count("SELECT count(*) FROM session_idempotency_keys WHERE caller = '" + caller + "' AND idempotency_key = 'recent'"))
                .as("kept at least a day").isEqualTo(1);
        assertThat(Sql.count("SELECT count(*) FROM session_idempotency_keys WHERE caller = '" + caller + "'")).isEqualTo(1);
    }

    @Test
    void shouldLetOneReplicaHoldALeaseAtATime() throws Throwable {
        String job = "test-" + UUID.randomUUID().toString().substring(0, 8);
        Sql.execute("INSERT INTO job_leases (name, holder, until) VALUES ('" + job + "', 'another-replica', now() + interval '1 minute')");
        assertThat(leases.tryTake(job, Duration.ofSeconds(30)).await().atMost(Duration.ofSeconds(10))).isFalse();
        Sql.execute("UPDATE job_leases SET until = now() - interval '1 second' WHERE name = '" + job + "'");
        assertThat(leases.tryTake(job, Duration.ofSeconds(30)).await().atMost(Duration.ofSeconds(10))).isTrue();
        assertThat(leases.tryTake(job, Duration.ofSeconds(30)).await().atMost(Duration.ofSeconds(10)))
                .as("the holder renews its own lease").isTrue();
    }
}
