package dev.rendezvous.session.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged session-service is killed (SIGKILL) while it folds a stream of presence events and
 * started again: every event is folded exactly once and every signal version is published.
 */
class CrashRecoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOOTSTRAP = PackagedApp.BOOTSTRAP;
    private static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/rendezvous_test";
    private static final int PAIRS = 150;

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
    void shouldFoldEveryEventOnceAcrossAKill() throws Exception {
        app = new PackagedApp(topics, "crash-recovery-it.log");
        UUID session = app.createSession("c-" + suffix, "m-" + suffix);

        // PAIRS customer connections, each joined then left: 2 snapshot changes per pair.
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < PAIRS; i++) {
                producer.send(new ProducerRecord<>(participantTopic, session.toString(), event(session, "joined", "PA_" + i)));
                producer.send(new ProducerRecord<>(participantTopic, session.toString(), event(session, "left", "PA_" + i)));
            }
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> version(session) >= 60);
        app.kill();
        long versionAtKill = version(session);
        assertThat(versionAtKill).as("killed mid-stream").isLessThan(1 + 2L * PAIRS);

        app = new PackagedApp(topics, "crash-recovery-it.log");
        long expected = 1 + 2L * PAIRS;
        await().atMost(Duration.ofSeconds(90)).until(() -> version(session) == expected);

        assertThat(timelineRows(session)).as("each event folded exactly once").isEqualTo(2 * PAIRS);
        Set<Long> published = signalVersions(session, expected);
        Set<Long> all = new HashSet<>();
        for (long v = 1; v <= expected; v++) {
            all.add(v);
        }
        assertThat(published).as("every signal version published").isEqualTo(all);
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

    private long version(UUID session) throws Exception {
        try (Connection db = DriverManager.getConnection(DB_URL, "rendezvous", "rendezvous");
             ResultSet rs = db.createStatement().executeQuery("SELECT version FROM sessions WHERE id = '" + session + "'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private long timelineRows(UUID session) throws Exception {
        try (Connection db = DriverManager.getConnection(DB_URL, "rendezvous", "rendezvous");
             ResultSet rs = db.createStatement().executeQuery(
                     "SELECT count(*) FROM session_timeline WHERE session_id = '" + session + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Set<Long> signalVersions(UUID session, long expected) {
        Set<Long> versions = new HashSet<>();
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ConsumerConfig.GROUP_ID_CONFIG, "crash-it-check-" + suffix,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(signalTopic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && versions.size() < expected) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (session.toString().equals(r.key())) {
                        values.add(r.value());
                    }
                });
                for (String value : values) {
                    try {
                        JsonNode node = JSON.readTree(value);
                        versions.add(node.get("version").asLong());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                values.clear();
            }
        }
        return versions;
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

}
