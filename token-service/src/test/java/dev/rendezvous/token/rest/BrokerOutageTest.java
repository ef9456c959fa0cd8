package dev.rendezvous.token.rest;

import dev.rendezvous.testing.Kafka;
import dev.rendezvous.testing.RestartableBroker;
import dev.rendezvous.token.support.StubSessionService;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Minting never waits for Kafka: with the broker down the token is returned, and the event follows
 * later; rosters then come from session-service, since the local view can no longer be trusted.
 */
@QuarkusTest
@TestProfile(BrokerOutageTest.OwnBroker.class)
class BrokerOutageTest {

    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RestartableBroker.class), new TestResourceEntry(StubSessionService.class));
        }
    }

    @Test
    void shouldMintWhileKafkaIsDownAndPublishTheEventOnceItIsBack() {
        String id = UUID.randomUUID().toString();
        StubSessionService.register(id, "cust-9", "mech-9", "WAITING");
        RestartableBroker.stopBroker();

        long start = System.nanoTime();
        given().auth().oauth2(TestJwt.user("cust-9")).post("/v1/sessions/" + id + "/token")
                .then().statusCode(200);
        // The producer may block up to 60 s for the missing broker; the token must not wait for it.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));

        RestartableBroker.startBroker();
        assertThat(Kafka.records("token-events", id, 1, Duration.ofSeconds(60)))
                .extracting(r -> Kafka.header(r, "ce_type")).containsExactly("rendezvous.token.issued");
    }

    @Test
    void shouldAskSessionServiceOnceSessionSignalsCannotBeFollowed() {
        String id = UUID.randomUUID().toString();
        // session-service knows the session ended; the signal that says so never reached this replica.
        StubSessionService.register(id, "cust-10", "mech-10", "ENDED");
        Kafka.send("session-signals", id, ("{\"sessionId\":\"%s\",\"status\":\"WAITING\",\"version\":1,"
                + "\"customer\":{\"userId\":\"cust-10\"},\"mechanic\":{\"userId\":\"mech-10\"}}").formatted(id));
        // session-service answers 409 for this session: a 200 can only come from the local view.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TestJwt.user("cust-10")).post("/v1/sessions/" + id + "/token").then().statusCode(200));

        RestartableBroker.stopBroker();
        try {
            // Unable to tell whether it has read everything, the replica stops trusting its view within seconds.
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    given().auth().oauth2(TestJwt.user("cust-10")).post("/v1/sessions/" + id + "/token")
                            .then().statusCode(409).body("error", equalTo("session-ended")));
        } finally {
            RestartableBroker.startBroker();
        }
    }
}
