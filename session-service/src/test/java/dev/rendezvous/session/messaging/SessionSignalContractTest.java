package dev.rendezvous.session.messaging;

import dev.rendezvous.contracts.RecordContract;
import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.Kafka;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * session-service's records on session-signals, as it really publishes them through a session's
 * whole life, keep the published contract (contracts/schemas/session-signal.json and the CloudEvents
 * attributes); and the participant records these tests feed the fold are the ones presence-service
 * promises, so the tests cannot drift from the producer either.
 */
@QuarkusTest
class SessionSignalContractTest {

    @Test
    void shouldPublishEveryVersionOfASessionAsTheContractSays() {
        Sessions.Created s = Sessions.create();
        List<String> fed = List.of(
                ParticipantEvents.joined(s, "customer", "PA_c"),
                ParticipantEvents.joined(s, "mechanic", "PA_m"),
                ParticipantEvents.track(s, "rendezvous.track.published", "mechanic", "PA_m", "TR_cam", "CAMERA"),
                ParticipantEvents.left(s, "mechanic", "PA_m", "CLIENT_INITIATED"));
        fed.forEach(json -> ParticipantEvents.send(s, json));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id()).then().body("version", equalTo(5)));
        given().auth().oauth2(TestJwt.backend()).post("/v1/sessions/" + s.id() + "/end").then().statusCode(200);

        List<ConsumerRecord<String, String>> signals = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            signals.clear();
            signals.addAll(Kafka.readAll("session-signals", s.id().toString(), Duration.ofSeconds(2)));
            return signals.size() >= 6;
        });

        for (ConsumerRecord<String, String> signal : signals) {
            assertThat(RecordContract.SESSION_SIGNAL.violations(signal)).as(signal.value()).isEmpty();
        }
        assertThat(signals).extracting(r -> Kafka.header(r, "ce_type")).contains("rendezvous.session.created",
                "rendezvous.session.waiting", "rendezvous.session.ready", "rendezvous.session.ended");
        for (String json : fed) {
            assertThat(RecordContract.PARTICIPANT_EVENT.valueViolations(json)).as(json).isEmpty();
        }
    }
}
