package dev.rendezvous.session.faults;

import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.ReadOnlyDatabase;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.Kafka;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A database that answers but refuses every write (the first seconds of a failover) is an outage: the
 * joins wait and are folded once it takes writes again; none is set aside as a bad record.
 */
@QuarkusTest
class DatabaseFailoverTest {

    @Test
    void shouldFoldJoinsThatArriveWhileTheDatabaseIsReadOnlyOnceItIsWritableAgain() throws Exception {
        Sessions.Created s = Sessions.create();
        try (ReadOnlyDatabase failover = ReadOnlyDatabase.begin()) {
            ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_failover_c"));
            ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_failover_m"));
            // Longer than the tries a failure of no known kind gets before it counts as the record's fault.
            Thread.sleep(8_000);
            given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id()).then()
                    .statusCode(200).body("status", equalTo("WAITING"));
            // While it lasts, a write the API is asked for is refused as an outage, with when to retry.
            given().auth().oauth2(TestJwt.backend()).post("/v1/sessions/" + s.id() + "/end").then()
                    .statusCode(503).header("Retry-After", "5").body("error", equalTo("unavailable"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id()).then().body("status", equalTo("READY")));
        assertThat(Kafka.readAll("participant-events-dlq", s.id().toString(), Duration.ofSeconds(3))).isEmpty();
    }
}
