package dev.rendezvous.session.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.testing.Kafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A run's session-signals topic read from the start: per session, the versions in the order they appear. */
final class SignalTopic {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SignalTopic() {
    }

    /** Reads until every session's highest version is at least {@code expected}, or the time is up. */
    static Map<UUID, List<Long>> versions(String topic, List<UUID> sessions, long expected, Duration time) throws Exception {
        Map<UUID, List<Long>> versions = new HashMap<>();
        sessions.forEach(s -> versions.put(s, new ArrayList<>()));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + time.toNanos();
            while (System.nanoTime() < deadline && !versions.values().stream().allMatch(v -> v.contains(expected))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    List<Long> seen = versions.get(UUID.fromString(r.key()));
                    if (seen != null) {
                        seen.add(JSON.readTree(r.value()).get("version").asLong());
                    }
                }
            }
        }
        return versions;
    }

    /** The versions as first seen: a redelivery after a crash repeats a record (same ce_id), never a newer order. */
    static List<Long> firstAppearances(List<Long> versions) {
        return versions.stream().distinct().toList();
    }

    static List<Long> oneTo(long last) {
        List<Long> all = new ArrayList<>();
        for (long v = 1; v <= last; v++) {
            all.add(v);
        }
        return all;
    }
}
