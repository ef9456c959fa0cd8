package dev.rendezvous.presence.rest;

import dev.rendezvous.testing.Kafka;
import dev.rendezvous.presence.support.LiveKitWebhooks;
import dev.rendezvous.testing.RestartableBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** With the broker gone a webhook is answered 503 (LiveKit retries); once it is back, the retry lands. */
@QuarkusTest
@TestProfile(BrokerOutageTest.OwnBroker.class)
class BrokerOutageTest {

    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RestartableBroker.class, Map.of("rendezvous.kafka.ack-timeout", "PT3S")));
        }
    }

    private static int post(String body) {
        return given().contentType("application/webhook+json").header("Authorization", LiveKitWebhooks.sign(body))
                .body(body).post("/v1/livekit/webhook").statusCode();
    }

    @Test
    void shouldAnswer503WhileKafkaIsDownAndDeliverTheRetryOnceItIsBack() {
        UUID session = UUID.randomUUID();
        String before = LiveKitWebhooks.canonical("participant_joined", session, "customer", "u1", "PA_before");
        assertThat(post(before)).isEqualTo(200);

        RestartableBroker.stopBroker();
        String during = LiveKitWebhooks.canonical("participant_joined", session, "mechanic", "m1", "PA_during");
        given().contentType("application/webhook+json").header("Authorization", LiveKitWebhooks.sign(during))
                .body(during).post("/v1/livekit/webhook")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("kafka-unavailable"));
        given().get("/q/health/ready").then().statusCode(503);

        RestartableBroker.startBroker();
        // LiveKit retries the same webhook; it lands once the producer has reconnected.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> post(during) == 200);
        assertThat(Kafka.records("participant-events", session.toString(), 1, Duration.ofSeconds(15)))
                .extracting(r -> Kafka.header(r, "ce_type")).contains("rendezvous.participant.joined");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }
}
