package dev.rendezvous.session.faults;

import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.Kafka;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/** Records set aside can be sent back to be folded, with one call an operator can make. */
@QuarkusTest
class DeadLetterReplayTest {

    @Test
    void shouldFoldADeadLetterOnceItIsReplayed() {
        Sessions.Created s = Sessions.create();
        // A join an earlier version set aside during an outage, as DeadLetters writes it.
        Kafka.send("participant-events-dlq", s.id().toString(), ParticipantEvents.joined(s, "customer", "PA_replayed"),
                Map.of("ce_type", "rendezvous.participant.joined", "dead-letter-reason", "cannot execute INSERT in a read-only transaction",
                        "dead-letter-topic", "participant-events"));

        given().auth().oauth2(TestJwt.backend()).post("/v1/dead-letters/replay").then().statusCode(200)
                .body("replayed[0].topic", equalTo("participant-events"))
                .body("replayed[0].records", greaterThanOrEqualTo(1));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id()).then().body("customer.present", equalTo(true)));
    }

    @Test
    void shouldLetOnlyBackendsReplay() {
        given().auth().oauth2(TestJwt.user("someone")).post("/v1/dead-letters/replay").then().statusCode(403);
        given().post("/v1/dead-letters/replay").then().statusCode(401);
        given().auth().oauth2(TestJwt.backend()).queryParam("limit", 0).post("/v1/dead-letters/replay").then()
                .statusCode(400).body("error", equalTo("bad-limit"));
    }
}
