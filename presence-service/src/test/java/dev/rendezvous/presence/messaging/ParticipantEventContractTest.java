package dev.rendezvous.presence.messaging;

import dev.rendezvous.contracts.RecordContract;
import dev.rendezvous.testing.Kafka;
import dev.rendezvous.presence.support.LiveKitWebhooks;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of record presence-service writes to participant-events, as it really writes it, keeps
 * the published contract (contracts/schemas/participant-event.json and its CloudEvents attributes).
 */
@QuarkusTest
class ParticipantEventContractTest {

    private static void post(String body) {
        given().contentType("application/webhook+json").header("Authorization", LiveKitWebhooks.sign(body))
                .body(body).post("/v1/livekit/webhook").then().statusCode(200);
    }

    @Test
    void shouldWriteEveryKindOfRecordAsTheContractSays() {
        UUID session = UUID.randomUUID();
        String room = "session-" + session;
        List<String> webhooks = List.of(
                LiveKitWebhooks.roomEvent("room_started", room),
                LiveKitWebhooks.canonical("participant_joined", session, "customer", "c-1", "PA_c"),
                LiveKitWebhooks.trackEvent("track_published", session, "customer", "c-1"),
                LiveKitWebhooks.trackEvent("track_unpublished", session, "customer", "c-1"),
                // No metadata, an identity of no role: the record carries its problems.
                LiveKitWebhooks.participantEvent("participant_joined", room, "somebody", "PA_x", null, Map.of()),
                LiveKitWebhooks.canonical("participant_connection_aborted", session, "mechanic", "m-1", "PA_m"),
                LiveKitWebhooks.canonical("participant_left", session, "customer", "c-1", "PA_c"),
                LiveKitWebhooks.roomEvent("room_finished", room));
        webhooks.forEach(ParticipantEventContractTest::post);

        List<ConsumerRecord<String, String>> records = Kafka.records("participant-events", session.toString(), webhooks.size(),
                Duration.ofSeconds(15));

        assertThat(records).hasSize(webhooks.size());
        for (ConsumerRecord<String, String> record : records) {
            assertThat(RecordContract.PARTICIPANT_EVENT.violations(record)).as(record.value()).isEmpty();
        }
        assertThat(records).anySatisfy(r -> assertThat(r.value()).contains("\"problems\":[{\"code\""));
    }

    @Test
    void shouldWriteARecordOfARoomThatNamesNoSessionAsTheContractSays() {
        String room = "lobby-" + UUID.randomUUID().toString().substring(0, 8); // no UUID in it: keyed by the room
        post(LiveKitWebhooks.participantEvent("participant_joined", room, "customer-u1", "PA_1",
                "{\"role\":\"customer\",\"userId\":\"u1\"}", Map.of()));
        List<ConsumerRecord<String, String>> records = Kafka.records("participant-events", room, 1, Duration.ofSeconds(15));
        assertThat(records).hasSize(1);
        assertThat(RecordContract.PARTICIPANT_EVENT.violations(records.get(0))).isEmpty();
    }
}
