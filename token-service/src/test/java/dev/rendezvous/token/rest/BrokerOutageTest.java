package dev.rendezvous.token.rest;

import dev.rendezvous.token.support.Kafka;
import dev.rendezvous.token.support.RestartableBroker;
import dev.rendezvous.token.support.StubSessionService;
import dev.rendezvous.token.support.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Minting never waits for Kafka: with the broker down the token is returned, and the event follows later. */
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
}
