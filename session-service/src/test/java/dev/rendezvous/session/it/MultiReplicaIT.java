package dev.rendezvous.session.it;

import dev.rendezvous.session.support.SseClient;
import dev.rendezvous.testing.Kafka;
import dev.rendezvous.testing.TestJwt;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of the packaged session-service share the fold's consumer group; a browser streams
 * from one of them. It must see READY for every session, whichever replica folded it.
 */
class MultiReplicaIT {

    private static final int SESSIONS = 20;
    private static final Pattern FOLDED = Pattern.compile("(?m)^rendezvous_events_folded_total\\{[^}]*} ([0-9.]+)");

    @Test
    void shouldStreamEveryChangeFromWhicheverReplicaFoldedIt() throws Exception {
        String topics = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
        try (PackagedApp a = new PackagedApp(topics, "multi-replica-a-it.log");
             PackagedApp b = new PackagedApp(topics, "multi-replica-b-it.log")) {
            List<UUID> sessions = new ArrayList<>();
            List<SseClient> streams = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                UUID id = a.createSession("c" + i, "m" + i);
                sessions.add(id);
                streams.add(SseClient.open(b.url("/v1/sessions/" + id + "/stream?access_token=" + TestJwt.user("c" + i))));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> streams.stream().allMatch(s -> s.events().size() == 1));
            awaitBothAssigned("it-" + topics, PackagedApp.participantTopic(topics));

            try (KafkaProducer<String, String> producer = Kafka.producer()) {
                for (int i = 0; i < SESSIONS; i++) {
                    UUID id = sessions.get(i);
                    producer.send(new ProducerRecord<>(PackagedApp.participantTopic(topics), id.toString(), joined(id, "customer", "c" + i)));
                    producer.send(new ProducerRecord<>(PackagedApp.participantTopic(topics), id.toString(), joined(id, "mechanic", "m" + i)));
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.stream().allMatch(s -> s.statuses().contains("READY")));
            for (SseClient stream : streams) {
                assertThat(stream.statuses()).containsExactly("WAITING", "WAITING", "READY");
                stream.close();
            }
            assertThat(folded(a)).as("replica A folded some sessions").isPositive();
            assertThat(folded(b)).as("replica B folded some sessions").isPositive();
            assertThat(folded(a) + folded(b)).isEqualTo(2.0 * SESSIONS);
        }
    }

    /** Until the group has given each of the two replicas a partition of the topic: only then can both fold. */
    private static void awaitBothAssigned(String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.bootstrap()))) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> admin.describeConsumerGroups(List.of(group))
                    .all().get().get(group).members().stream()
                    .filter(m -> m.assignment().topicPartitions().stream().anyMatch(p -> p.topic().equals(topic)))
                    .count() == 2);
        }
    }

    private static double folded(PackagedApp app) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.url("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double total = 0;
        Matcher m = FOLDED.matcher(metrics);
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    private static String joined(UUID session, String role, String user) {
        return "{\"eventId\":\"EV_" + UUID.randomUUID() + "\",\"type\":\"rendezvous.participant.joined\",\"sessionId\":\""
                + session + "\",\"room\":\"session-" + session + "\",\"identity\":\"" + role + "-" + user
                + "\",\"participantSid\":\"PA_" + role + "\",\"role\":\"" + role + "\",\"userId\":\"" + user
                + "\",\"createdAt\":\"" + Instant.now() + "\"}";
    }
}
