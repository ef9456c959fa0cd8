package dev.rendezvous.bench;

import dev.rendezvous.bench.Traffic.ScriptedSession;
import dev.rendezvous.bench.Traffic.Step;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What the fault suite checks once the traffic of a fault has finished, each session against the
 * script it was walked through: its snapshot is the state the accepted steps lead to; every webhook
 * presence-service accepted is on {@code participant-events}; on {@code session-signals} its versions
 * strictly increase, its last signal is its snapshot, it became READY exactly once if its mechanic
 * joined, and it never ended: no script ends a session, the room finishing included (only people or
 * time do, and the suite's traffic is over long before any deadline). A session counts once per kind
 * of fault it shows: wrong, lost, doubled.
 */
final class Audit {

    /** The counts of one fault's row, and the first findings behind them. */
    record Verdict(int checked, int wrong, int lost, int doubled, List<String> findings) {
    }

    /** A session's snapshot as session-service answers it. */
    record Snapshot(String status, long version, boolean customerPresent, boolean mechanicPresent) {
        @Override
        public String toString() {
            return status + (status.equals("ENDED") ? "" : " (customer " + (customerPresent ? "in" : "out") + ", mechanic "
                    + (mechanicPresent ? "in" : "out") + ")");
        }

        static Snapshot of(JsonObject json) {
            return new Snapshot(json.getString("status"), json.getLong("version"),
                    json.getJsonObject("customer").getBoolean("present"), json.getJsonObject("mechanic").getBoolean("present"));
        }
    }

    private static final int FINDINGS_SHOWN = 8;

    private final String backendJwt;

    Audit(String backendJwt) {
        this.backendJwt = backendJwt;
    }

    /** Where each partition of {@code topic} ends now: a fault's records are read from here. */
    static Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** The snapshot a session's accepted steps lead to: who is present and its status. */
    static Snapshot expected(ScriptedSession session) {
        Step last = session.accepted;
        return switch (last) {
            case CREATE -> new Snapshot("WAITING", 0, false, false);
            case CUSTOMER_JOINS, MECHANIC_LEAVES -> new Snapshot("WAITING", 0, true, false);
            case MECHANIC_JOINS -> new Snapshot("READY", 0, true, true);
            case ROOM_FINISHES -> new Snapshot("WAITING", 0, false, false);
        };
    }

    private static boolean matches(Snapshot expected, Snapshot actual) {
        if (actual == null || !expected.status().equals(actual.status())) {
            return false;
        }
        // An ended session keeps who was there last; only the status counts.
        return expected.status().equals("ENDED")
                || (expected.customerPresent() == actual.customerPresent() && expected.mechanicPresent() == actual.mechanicPresent());
    }

    /** Polls the snapshots until every created session shows the state its script leads to; false on timeout. */
    boolean awaitSettled(List<ScriptedSession> sessions, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ScriptedSession> pending = new ArrayList<>(sessions.stream().filter(s -> s.id != null).toList());
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            pending.removeIf(s -> {
                try {
                    return matches(expected(s), snapshot(s.id));
                } catch (Exception e) {
                    return false;
                }
            });
            if (!pending.isEmpty()) {
                Thread.sleep(500);
            }
        }
        return pending.isEmpty();
    }

    Verdict check(List<ScriptedSession> sessions, Map<TopicPartition, Long> eventsFrom,
                  Map<TopicPartition, Long> signalsFrom) throws Exception {
        Set<String> published = new HashSet<>();
        read(Lab.PARTICIPANT_EVENTS, eventsFrom, (key, value) -> published.add(new JsonObject(value).getString("eventId")));
        Map<String, List<JsonObject>> signals = new HashMap<>();
        read(Lab.SIGNALS, signalsFrom, (key, value) -> signals.computeIfAbsent(key, k -> new ArrayList<>()).add(new JsonObject(value)));

        int checked = 0, wrong = 0, lost = 0, doubled = 0;
        List<String> findings = new ArrayList<>();
        for (ScriptedSession session : sessions) {
            if (session.id == null) {
                continue; // never created: nothing was promised
            }
            checked++;
            List<String> wrongs = new ArrayList<>(), losses = new ArrayList<>(), doubles = new ArrayList<>();
            Snapshot snapshot = snapshot(session.id);
            Snapshot expected = expected(session);
            if (!matches(expected, snapshot)) {
                wrongs.add("snapshot " + (snapshot == null ? "unreadable" : snapshot + " v" + snapshot.version()) + ", expected " + expected);
            }
            for (String webhook : session.acceptedWebhooks) {
                if (!published.contains(webhook)) {
                    losses.add("accepted webhook " + webhook + " is not on " + Lab.PARTICIPANT_EVENTS);
                }
            }
            List<JsonObject> mine = signals.getOrDefault(session.id, List.of());
            long previous = 0;
            String previousStatus = null;
            int ready = 0; // transitions into READY: a READY right after a READY (a media change) is the same one
            for (JsonObject signal : mine) {
                long version = signal.getLong("version");
                if ("ENDED".equals(signal.getString("status"))) {
                    wrongs.add("ended (v" + version + ", " + signal.getString("endReason") + ") though nobody ended it");
                }
                if (version == previous) {
                    doubles.add("version " + version + " published twice");
                } else if (version < previous) {
                    wrongs.add("version " + version + " after " + previous);
                }
                previous = Math.max(previous, version);
                if ("READY".equals(signal.getString("status")) && !"READY".equals(previousStatus)) {
                    ready++;
                }
                previousStatus = signal.getString("status");
            }
            int readyExpected = session.accepted.ordinal() >= Step.MECHANIC_JOINS.ordinal() ? 1 : 0;
            if (ready > readyExpected) {
                doubles.add(ready + " READY transitions, expected " + readyExpected);
            } else if (ready < readyExpected) {
                losses.add("no READY signal");
            }
            JsonObject last = mine.isEmpty() ? null : mine.get(mine.size() - 1);
            if (last == null) {
                losses.add("no signal at all");
            } else if (snapshot != null && (last.getLong("version") != snapshot.version()
                    || !last.getString("status").equals(snapshot.status()))) {
                losses.add("last signal v" + last.getLong("version") + " " + last.getString("status") + ", snapshot v"
                        + snapshot.version() + " " + snapshot.status());
            }
            wrong += wrongs.isEmpty() ? 0 : 1;
            lost += losses.isEmpty() ? 0 : 1;
            doubled += doubles.isEmpty() ? 0 : 1;
            for (List<String> found : List.of(wrongs, losses, doubles)) {
                found.stream().limit(FINDINGS_SHOWN - findings.size()).forEach(f -> findings.add(session.id + ": " + f));
            }
        }
        return new Verdict(checked, wrong, lost, doubled, findings);
    }

    Snapshot snapshot(String sessionId) throws Exception {
        HttpResponse<String> response = Lab.HTTP.send(HttpRequest.newBuilder(URI.create(Lab.SESSION + "/v1/sessions/" + sessionId))
                .header("Authorization", "Bearer " + backendJwt).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Snapshot.of(new JsonObject(response.body())) : null;
    }

    /** Reads {@code topic} from the given offsets up to where it ends now. */
    private static void read(String topic, Map<TopicPartition, Long> from, BiConsumer<String, String> each) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 2 minutes");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        each.accept(record.key(), record.value());
                    }
                }
            }
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Lab.BOOTSTRAP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"),
                new StringDeserializer(), new StringDeserializer());
    }
}
