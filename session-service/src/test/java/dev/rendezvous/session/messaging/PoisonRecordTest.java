package dev.rendezvous.session.messaging;

import dev.rendezvous.session.support.ParticipantEvents;
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

/** A record that cannot be folded goes to the dead-letter topic; the records after it are folded. */
@QuarkusTest
class PoisonRecordTest {

    @Test
    void shouldDeadLetterUnfoldableRecordsAndKeepFolding() {
        Sessions.Created s = Sessions.create();
        ParticipantEvents.send(s, "{ this is not json");
        String tooLongId = ParticipantEvents.joined(s, "customer", "PA_poison")
                .replaceFirst("\"eventId\":\"[^\"]+\"", "\"eventId\":\"" + "x".repeat(300) + "\"");
        ParticipantEvents.send(s, tooLongId);
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_after"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id()).then().body("mechanic.present", equalTo(true)));
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id()).then()
                .body("customer.present", equalTo(false));
        assertThat(Kafka.readAll("participant-events-dlq", s.id().toString(), Duration.ofSeconds(5)))
                .extracting(r -> r.value().startsWith("{ this is not json") ? "unreadable" : "refused")
                .containsExactlyInAnyOrder("unreadable", "refused");
    }

    @Test
    void shouldSetAsideARecordWhoseFoldFailsWithoutAnSqlErrorAfterAFewTries() {
        Sessions.Created s = Sessions.create();
        // Readable JSON, but its time is past what a timestamp column holds: the write path fails in Java,
        // before PostgreSQL sees it, so the failure carries no SQL state. Retried for ever, it held the partition.
        String farFuture = ParticipantEvents.joined(s, "customer", "PA_far")
                .replaceFirst("\"createdAt\":\"[^\"]+\"", "\"createdAt\":\"+1000000000-12-31T23:59:59Z\"");
        ParticipantEvents.send(s, farFuture);
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_after_far"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id()).then().body("mechanic.present", equalTo(true)));
        assertThat(Kafka.readAll("participant-events-dlq", s.id().toString(), Duration.ofSeconds(5)))
                .extracting(r -> Kafka.header(r, "dead-letter-cause"))
                .containsExactly("java.time.DateTimeException");
        given().get("/q/health/ready").then().statusCode(200);
    }
}
