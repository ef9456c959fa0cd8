package dev.rendezvous.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast session-service folds a backlog. Sessions are created, session-service is stopped, four
 * participant events per session are queued (through presence-service, or straight to Kafka with
 * BENCH_QUEUE=kafka for very large runs), then session-service is started and timed until every
 * session's final signal (version 5, its room finished) is on {@code session-signals}.
 * Baseline, same run: one plain Kafka consume of the same records with a batched JDBC insert of one
 * row per record, a commit per poll: the floor of this machine for "read it and write it down".
 * Expects no session-service running on SESSION_SERVICE_URL's port (bench/run.sh stops it).
 */
public final class CatchUpBench {

    public static void main(String[] args) throws Exception {
        int sessions = Lab.envInt("BENCH_SESSIONS", 2000);
        int port = Integer.parseInt(Lab.SESSION.replaceAll(".*:(\\d+).*", "$1"));
        boolean direct = "kafka".equals(Lab.env("BENCH_QUEUE", "webhook"));
        System.out.printf("catch-up: %d sessions x 4 events queued %s while session-service is stopped%n", sessions,
                direct ? "straight to Kafka" : "through presence-service");
        String backend = Lab.backendJwt();
        List<String> ids;
        try (Lab.Replica creator = Lab.Replica.start(port)) {
            ids = Lab.createSessions(sessions, 8, backend);
        }
        Map<TopicPartition, Long> from = endOffsets();
        long queueStart = System.nanoTime();
        if (direct) {
            produceDirectly(ids);
        } else {
            List<List<String>> perSession = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                perSession.add(Lab.lifecycle(ids.get(i), i));
            }
            Lab.postAll(perSession, 32);
        }
        double queueSeconds = (System.nanoTime() - queueStart) / 1e9;
        Map<TopicPartition, Long> to = endOffsets();
        long queued = to.entrySet().stream().mapToLong(e -> e.getValue() - from.get(e.getKey())).sum();
        System.out.printf("queued %d records in %.1f s (%.0f/s)%n", queued, queueSeconds, queued / queueSeconds);

        long events = 4L * sessions;
        try (SignalWatch watch = new SignalWatch(new HashSet<>(ids), Lab.LIFECYCLE_FINAL_VERSION)) {
            long launched = System.nanoTime();
            try (Lab.Replica replica = Lab.Replica.start(port)) {
                long ready = System.nanoTime();
                boolean all = watch.await(Duration.ofMinutes(Lab.envInt("BENCH_TIMEOUT_MINUTES", 20)));
                double folding = (watch.lastReachedNanos() - watch.firstSignalNanos()) / 1e9;
                double fromLaunch = (watch.lastReachedNanos() - launched) / 1e9;
                double floor = floor(from, to);
                System.out.printf("%-44s %8.0f events/s  (%d records, %.2f s)%n", "baseline: Kafka consume + batched JDBC insert",
                        queued / floor, queued, floor);
                System.out.printf("%-44s %8.0f events/s  (first to last signal, %.2f s; started in %.1f s)%n",
                        "session-service catch-up fold", events / folding, folding, (ready - launched) / 1e9);
                System.out.printf("%-44s %8.0f events/s  (%.2f s)%n", "  same, from process launch", events / fromLaunch, fromLaunch);
                System.out.printf("ratio (fold / floor): %.2fx; sessions not final: %d; versions out of order: %d; repeated: %d%n",
                        (events / folding) / (queued / floor), watch.missing(), watch.outOfOrder(), watch.duplicates());
                System.out.println("replica's own figures: " + foldMetrics(replica));
                if (!all) {
                    throw new IllegalStateException(watch.missing() + " sessions never reached their final state");
                }
            }
        }
    }

    /** Fold transactions (batches) the replica ran, their mean and max time, and the events it folded. */
    private static String foldMetrics(Lab.Replica replica) throws Exception {
        String metrics = Lab.HTTP.send(HttpRequest.newBuilder(URI.create(replica.url() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double count = metric(metrics, "rendezvous_fold_latency_seconds_count");
        double sum = metric(metrics, "rendezvous_fold_latency_seconds_sum");
        double folded = metric(metrics, "rendezvous_events_folded_total");
        return String.format("%.0f fold transactions, mean %.1f ms (max %.1f ms), %.0f events folded, %.0f per transaction",
                count, 1000 * sum / count, 1000 * metric(metrics, "rendezvous_fold_latency_seconds_max"), folded, folded / count);
    }

    private static double metric(String metrics, String name) {
        double total = 0;
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
        }
        return total;
    }

    private static Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Lab.PARTICIPANT_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** Reads [from, to) of participant-events once and writes a row per record, batched, a commit per poll. */
    private static double floor(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) throws Exception {
        String url = "jdbc:postgresql://" + Lab.env("DB_HOST", "127.0.0.1") + ":" + Lab.env("DB_PORT", "5432") + "/"
                + Lab.env("DB_NAME", "rendezvous");
        try (Connection db = DriverManager.getConnection(url, Lab.env("DB_USER", "rendezvous"), Lab.env("DB_PASSWORD", "rendezvous"));
             KafkaConsumer<String, String> consumer = consumer()) {
            db.createStatement().execute("CREATE TEMP TABLE bench_floor (event_key TEXT PRIMARY KEY, session_id TEXT, "
                    + "received_at TIMESTAMPTZ NOT NULL, payload TEXT NOT NULL)");
            db.setAutoCommit(false);
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long remaining = to.entrySet().stream().mapToLong(e -> e.getValue() - from.get(e.getKey())).sum();
            long start = System.nanoTime();
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO bench_floor VALUES (?, ?, now(), ?)")) {
                while (remaining > 0) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                    for (ConsumerRecord<String, String> r : records) {
                        if (r.offset() >= to.get(new TopicPartition(r.topic(), r.partition()))) {
                            continue;
                        }
                        insert.setString(1, r.partition() + ":" + r.offset());
                        insert.setString(2, r.key());
                        insert.setString(3, r.value());
                        insert.addBatch();
                        remaining--;
                    }
                    insert.executeBatch();
                    db.commit();
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** The records presence-service would write for each session's four webhooks, produced as fast as acks allow. */
    private static void produceDirectly(List<String> ids) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Lab.BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "5", ProducerConfig.BATCH_SIZE_CONFIG, "262144"),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < ids.size(); i++) {
                String s = ids.get(i);
                send(producer, s, "rendezvous.participant.joined", "customer-bc-" + i, "PA_c" + i, "customer", "bc-" + i);
                send(producer, s, "rendezvous.participant.joined", "mechanic-bm-" + i, "PA_m" + i, "mechanic", "bm-" + i);
                send(producer, s, "rendezvous.participant.left", "mechanic-bm-" + i, "PA_m" + i, "mechanic", "bm-" + i);
                send(producer, s, "rendezvous.room.finished", null, null, null, null);
            }
            producer.flush();
        }
    }

    private static void send(KafkaProducer<String, String> producer, String session, String type, String identity,
                             String sid, String role, String user) {
        String id = "EV_bench_" + UUID.randomUUID();
        String now = Instant.now().toString();
        String value = "{\"eventId\":\"" + id + "\",\"type\":\"" + type + "\",\"sessionId\":\"" + session
                + "\",\"room\":\"session-" + session + "\",\"identity\":" + quoted(identity) + ",\"participantSid\":" + quoted(sid)
                + ",\"role\":" + quoted(role) + ",\"roleSource\":" + quoted(role == null ? null : "metadata")
                + ",\"userId\":" + quoted(user) + ",\"disconnectReason\":null,\"trackSid\":null,\"trackSource\":null,"
                + "\"createdAt\":\"" + now + "\",\"receivedAt\":\"" + now + "\",\"problems\":[]}";
        ProducerRecord<String, String> record = new ProducerRecord<>(Lab.PARTICIPANT_EVENTS, session, value);
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_id", id.getBytes(StandardCharsets.UTF_8))
                .add("ce_type", type.getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "/rendezvous/presence-service".getBytes(StandardCharsets.UTF_8))
                .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        producer.send(record);
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Lab.BOOTSTRAP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000"),
                new StringDeserializer(), new StringDeserializer());
    }
}
