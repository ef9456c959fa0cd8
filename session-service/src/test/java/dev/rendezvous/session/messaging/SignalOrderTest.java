package dev.rendezvous.session.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.Kafka;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Two writers race on the same sessions: the Kafka consumer folding presence, and REST calls ending
 * the sessions. On session-signals each session's versions still appear once each, in order.
 */
@QuarkusTest
class SignalOrderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldPublishEverySessionsVersionsInOrderWhileTheConsumerAndEndRequestsRace() throws Exception {
        List<Sessions.Created> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sessions.add(Sessions.create());
        }
        List<CompletableFuture<?>> ends = new ArrayList<>();
        for (Sessions.Created s : sessions) {
            ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_c"));
            ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_m"));
            ParticipantEvents.send(s, ParticipantEvents.left(s, "mechanic", "PA_m", "CLIENT_INITIATED"));
            ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_m2"));
            ends.add(CompletableFuture.runAsync(() -> given().auth().oauth2(TestJwt.backend())
                    .post("/v1/sessions/" + s.id() + "/end").then().statusCode(200)));
        }
        CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).join();
        Map<String, Long> finalVersion = new HashMap<>();
        for (Sessions.Created s : sessions) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                    .get("/v1/sessions/" + s.id()).then().body("status", equalTo("ENDED")));
            finalVersion.put(s.id().toString(), given().auth().oauth2(TestJwt.backend())
                    .get("/v1/sessions/" + s.id()).then().extract().jsonPath().getLong("version"));
        }

        Set<String> keys = finalVersion.keySet();
        Map<String, List<Long>> published = new HashMap<>();
        for (ConsumerRecord<String, String> r : Kafka.readAll("session-signals", keys::contains, Duration.ofSeconds(5))) {
            published.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(JSON.readTree(r.value()).get("version").asLong());
        }
        for (String key : keys) {
            assertThat(published.get(key)).as("signals of %s, in the order published", key)
                    .isEqualTo(LongStream.rangeClosed(1, finalVersion.get(key)).boxed().collect(Collectors.toList()));
        }
    }
}
