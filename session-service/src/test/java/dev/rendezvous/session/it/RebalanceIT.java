package dev.rendezvous.session.it;

import dev.rendezvous.session.support.SseClient;
import dev.rendezvous.testing.Kafka;
import dev.rendezvous.testing.TestJwt;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas fold under steady load while browsers stream from one of them; the other is
 * SIGKILLed, so its partitions move mid-load. Every stream still shows every version once, in order.
 */
class RebalanceIT {

    private static final int SESSIONS = 30;
    private static final int PAIRS = 6;

    @Test
    void shouldLoseAndDoubleNothingOnAStreamWhenAPartitionMovesMidLoad() throws Exception {
        String topics = "rebalance-" + UUID.randomUUID().toString().substring(0, 8);
        // Both closed whatever happens: a victim left running would relay other tests' signals from the shared database.
        try (PackagedApp survivor = new PackagedApp(topics, "rebalance-survivor-it.log");
             PackagedApp victim = new PackagedApp(topics, "rebalance-victim-it.log")) {
            List<UUID> sessions = new ArrayList<>();
            List<SseClient> streams = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                UUID id = victim.createSession("c" + i, "m" + i);
                sessions.add(id);
                streams.add(SseClient.open(survivor.url("/v1/sessions/" + id + "/stream?access_token=" + TestJwt.user("c" + i))));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> streams.stream().allMatch(s -> s.events().size() == 1));

            try (KafkaProducer<String, String> producer = Kafka.producer()) {
                for (int pair = 0; pair < PAIRS; pair++) {
                    for (int i = 0; i < SESSIONS; i++) {
                        UUID id = sessions.get(i);
                        producer.send(new ProducerRecord<>(PackagedApp.participantTopic(topics), id.toString(), event(id, "joined", "c" + i, pair)));
                        producer.send(new ProducerRecord<>(PackagedApp.participantTopic(topics), id.toString(), event(id, "left", "c" + i, pair)));
                    }
                    producer.flush();
                    if (pair == 2) {
                        victim.kill();
                    }
                    Thread.sleep(500);
                }
            }
            long last = 1 + 2L * PAIRS;
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.stream().allMatch(s ->
                    !s.events().isEmpty() && s.events().get(s.events().size() - 1).version() == last));
            for (SseClient stream : streams) {
                assertThat(stream.events()).extracting(SseClient.Event::version).isEqualTo(SignalTopic.oneTo(last));
                stream.close();
            }
        }
    }

    private static String event(UUID session, String kind, String user, int pair) {
        return "{\"eventId\":\"EV_" + UUID.randomUUID() + "\",\"type\":\"rendezvous.participant." + kind + "\",\"sessionId\":\""
                + session + "\",\"room\":\"session-" + session + "\",\"identity\":\"customer-" + user
                + "\",\"participantSid\":\"PA_" + pair + "\",\"role\":\"customer\",\"userId\":\"" + user
                + "\",\"createdAt\":\"" + Instant.now() + "\"}";
    }
}
