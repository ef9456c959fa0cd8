package dev.rendezvous.session.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.testing.Kafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged session-service is killed (SIGKILL) twice while presence events arrive at a steady
 * rate for many sessions, and started again each time. Killed at random points of the write path
 * (mid-batch, between commit and publish, mid-relay), it must still fold every event exactly once and
 * publish every signal version, each session's in order; and an Idempotency-Key used before the
 * kills still names the session it created.
 */
class CrashRecoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SESSIONS = 60;
    private static final int PAIRS = 10;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String topics = "crash-" + suffix;
    private final String participantTopic = PackagedApp.participantTopic(topics);
    private final String signalTopic = PackagedApp.signalTopic(topics);
    private PackagedApp app;

    @AfterEach
    void stopApp() throws InterruptedException {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldFoldEveryEventOnceAndPublishEverySignalInOrderAcrossKills() throws Exception {
        app = new PackagedApp(topics, "crash-recovery-it.log");
        String key = "order-" + suffix;
        HttpResponse<String> first = app.create("c-key-" + suffix, "m-key", key);
        assertThat(first.statusCode()).isEqualTo(201);
        List<UUID> sessions = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            sessions.add(app.createSession("c-" + suffix, "m-" + i));
        }
        // Per session, PAIRS customer connections, each joined then left: 2 snapshot changes per pair,
        // sent round after round at a steady pace, so the kills land while events keep arriving.
        Thread traffic = new Thread(() -> {
            try (KafkaProducer<String, String> producer = Kafka.producer()) {
                for (int pair = 0; pair < PAIRS; pair++) {
                    for (UUID session : sessions) {
                        producer.send(new ProducerRecord<>(participantTopic, session.toString(), event(session, "joined", "PA_" + pair)));
                        producer.send(new ProducerRecord<>(participantTopic, session.toString(), event(session, "left", "PA_" + pair)));
                    }
                    producer.flush();
                    Thread.sleep(600);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        traffic.start();
        for (int kill = 0; kill < 2; kill++) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> foldedRows(sessions) > 0);
            Thread.sleep(700);
            app.kill();
            app = new PackagedApp(topics, "crash-recovery-it.log");
        }
        traffic.join();
        assertThat(foldedRows(sessions)).as("killed while events were still arriving").isLessThan((long) SESSIONS * 2 * PAIRS);

        // A backend's retry after the kills still gets the session its first call created.
        HttpResponse<String> retry = app.create("c-key-" + suffix, "m-key", key);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retry.body()).get("sessionId")).isEqualTo(JSON.readTree(first.body()).get("sessionId"));
        // The same Location path (the restarted app listens on another port).
        assertThat(retry.headers().firstValue("Location").map(l -> URI.create(l).getPath()))
                .isEqualTo(first.headers().firstValue("Location").map(l -> URI.create(l).getPath()));

        long expected = 1 + 2L * PAIRS;
        await().atMost(Duration.ofSeconds(90)).until(() -> sessions.stream().allMatch(s -> version(s) == expected));
        for (UUID session : sessions) {
            assertThat(timelineRows(session)).as("each event of %s folded exactly once", session).isEqualTo(2 * PAIRS);
        }
        Map<UUID, List<Long>> published = SignalTopic.versions(signalTopic, sessions, expected, Duration.ofSeconds(30));
        for (UUID session : sessions) {
            assertThat(SignalTopic.firstAppearances(published.get(session)))
                    .as("every signal version of %s published, in order", session).isEqualTo(SignalTopic.oneTo(expected));
        }
    }

    private String event(UUID session, String kind, String sid) throws Exception {
        Map<String, Object> value = new HashMap<>();
        value.put("eventId", "EV_" + UUID.randomUUID());
        value.put("type", "rendezvous.participant." + kind);
        value.put("sessionId", session.toString());
        value.put("room", "session-" + session);
        value.put("identity", "customer-c-" + suffix);
        value.put("participantSid", sid);
        value.put("role", "customer");
        value.put("userId", "c-" + suffix);
        value.put("createdAt", Instant.now().toString());
        return JSON.writeValueAsString(value);
    }

    private static long version(UUID session) {
        return Database.number("SELECT version FROM sessions WHERE id = '" + session + "'");
    }

    private static long foldedRows(List<UUID> sessions) {
        return Database.number("SELECT count(*) FROM session_timeline WHERE session_id IN ('"
                + String.join("','", sessions.stream().map(UUID::toString).toList()) + "')");
    }

    private static long timelineRows(UUID session) {
        return Database.number("SELECT count(*) FROM session_timeline WHERE session_id = '" + session + "'");
    }
}
