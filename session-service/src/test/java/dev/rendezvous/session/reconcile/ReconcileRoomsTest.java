package dev.rendezvous.session.reconcile;

import dev.rendezvous.session.service.Partitions;
import dev.rendezvous.session.support.Sql;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The periodic reconciliation against the real LiveKit and PostgreSQL: one room listing, then the
 * participant list only of the listed rooms whose count and fold disagree (and the sweep's few), however
 * many open sessions nobody has joined; a room LiveKit does not list is corrected without asking.
 */
@QuarkusTest
class ReconcileRoomsTest {

    @Inject
    Reconciler reconciler;

    @Inject
    Partitions partitions;

    @Inject
    MeterRegistry registry;

    private double calls(String call) {
        var counter = registry.find("rendezvous.livekit.calls").tag("call", call).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldAskLiveKitAboutTheDisagreeingRoomsOnlyWhateverNumberOfOpenSessions() throws Throwable {
        await().atMost(Duration.ofSeconds(30)).until(partitions::ownsAny);
        String batch = String.format("%08x", (int) (Math.random() * Integer.MAX_VALUE)).substring(0, 4);
        // 250 open sessions nobody joined, then one whose customer's sid is active here while LiveKit has no
        // such room (its leave webhook was lost).
        Sql.execute("INSERT INTO sessions (id, status, version, created_at, empty_since) "
                + "SELECT ('00000000-" + batch + "-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'WAITING', 1, "
                + "now() - interval '1 hour', now() - interval '1 hour' FROM generate_series(1, 250) AS n");
        Sql.execute("INSERT INTO session_members (session_id, position, user_id, role) "
                + "SELECT ('00000000-" + batch + "-4000-8000-' || lpad(n::text, 12, '0'))::uuid, p - 1, u, r "
                + "FROM generate_series(1, 250) AS n, unnest(ARRAY['left-c', 'left-m'], ARRAY['customer', 'mechanic']) "
                + "WITH ORDINALITY AS m(u, r, p)");
        UUID ghost = UUID.fromString("ffffffff-" + batch + "-4000-8000-" + UUID.randomUUID().toString().substring(24));
        Sql.execute("INSERT INTO sessions (id, status, version, created_at, waiting_for, waiting_since, ever_joined) VALUES ('"
                + ghost + "', 'WAITING', 2, now() - interval '11 minutes', 'mechanic', now() - interval '10 minutes', true)");
        Sql.execute("INSERT INTO session_members (session_id, position, user_id, role, identity, since) VALUES ('" + ghost
                + "', 0, 'c-last', 'customer', 'customer-c-last', now() - interval '10 minutes'), ('" + ghost + "', 1, 'm-last', 'mechanic', "
                + "NULL, NULL)");
        Sql.execute("INSERT INTO session_participants (session_id, sid, role, identity, user_id, active, joined_at) VALUES ('" + ghost
                + "', 'PA_last', 'customer', 'customer-c-last', 'c-last', true, now() - interval '10 minutes')");
        try {
            double roomListings = calls("list_rooms");
            double participantLists = calls("list_participants");
            List<UUID> asked = VertxContextSupport.subscribeAndAwait(() -> reconciler.run());

            assertThat(asked).contains(ghost);
            assertThat(asked).noneMatch(id -> id.toString().startsWith("00000000-" + batch));
            assertThat(calls("list_rooms") - roomListings).isEqualTo(1);
            // The ghost's room is not listed: nobody is in it, and LiveKit is not asked about it.
            assertThat(calls("list_participants") - participantLists).isLessThanOrEqualTo(asked.size() - 1);
            // But "nobody" is believed only once LiveKit still says it a while later (RECONCILE_CONFIRM_NOBODY_AFTER).
            assertThat(Sql.text("SELECT active::text FROM session_participants WHERE session_id = '" + ghost + "' AND sid = 'PA_last'"))
                    .isEqualTo("true");
            Thread.sleep(1100);
            VertxContextSupport.subscribeAndAwait(() -> reconciler.run());
            assertThat(Sql.text("SELECT left_reason FROM session_participants WHERE session_id = '" + ghost + "' AND sid = 'PA_last'"))
                    .isEqualTo(Corrections.REASON);
            assertThat(Sql.text("SELECT m.identity || ' ' || (m.since IS NULL) || ' ' || (s.empty_since IS NOT NULL) "
                    + "|| ' v' || s.version FROM sessions s JOIN session_members m ON m.session_id = s.id AND m.role = 'customer' "
                    + "WHERE s.id = '" + ghost + "'")).isEqualTo("customer-c-last true true v3");
        } finally {
            Sql.execute("UPDATE sessions SET status = 'ENDED', ended_at = now(), end_reason = 'ended-by-backend', empty_since = NULL "
                    + "WHERE id::text LIKE '00000000-" + batch + "-%' OR id = '" + ghost + "'");
        }
    }
}
