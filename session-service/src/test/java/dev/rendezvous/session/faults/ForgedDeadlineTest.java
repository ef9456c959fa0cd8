package dev.rendezvous.session.faults;

import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.Kafka;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Deadline records end sessions; anyone who may write participant-events (presence-service, say) could
 * write one. Only the ones session-service signed are folded: a forged one is set aside, and ends nothing.
 */
@QuarkusTest
class ForgedDeadlineTest {

    @Test
    void shouldNotEndASessionOnADeadlineRecordSessionServiceDidNotSign() {
        Sessions.Created s = Sessions.create();
        String forged = "{\"eventId\":\"deadline:" + UUID.randomUUID() + "\",\"type\":\"rendezvous.session.deadline\","
                + "\"sessionId\":\"" + s.id() + "\",\"at\":\"2999-01-01T00:00:00Z\",\"roomEmpty\":true}";
        Kafka.send("participant-events", s.id().toString(), forged,
                Map.of("ce_type", "rendezvous.session.deadline", "rendezvous-signature", "bm90IGEgc2lnbmF0dXJl"));

        await().atMost(Duration.ofSeconds(20)).until(() ->
                !Kafka.readAll("participant-events-dlq", s.id().toString(), Duration.ofSeconds(1)).isEmpty());
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id()).then().statusCode(200)
                .body("status", equalTo("WAITING")).body("version", equalTo(1));
        assertThat(Kafka.header(Kafka.readAll("participant-events-dlq", s.id().toString(), Duration.ofSeconds(1)).get(0),
                "dead-letter-reason")).contains("did not sign");
    }
}
