package dev.rendezvous.presence.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.testing.Kafka;
import dev.rendezvous.presence.support.LiveKitWebhooks;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import livekit.LivekitModels;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class WebhookResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/v1/livekit/webhook")
    URL webhookUrl;

    private static ValidatableResponse post(String body, String authorization) {
        var request = given().contentType("application/webhook+json").body(body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.post("/v1/livekit/webhook").then();
    }

    private static ValidatableResponse post(String body) {
        return post(body, LiveKitWebhooks.sign(body));
    }

    private static List<ConsumerRecord<String, String>> published(String key, int expected) {
        return Kafka.records("participant-events", key, expected, Duration.ofSeconds(expected == 0 ? 3 : 15));
    }

    private static JsonNode value(ConsumerRecord<String, String> record) throws Exception {
        return JSON.readTree(record.value());
    }

    private static String eventId(String body) throws Exception {
        return JSON.readTree(body).get("id").asText();
    }

    @Test
    void shouldPublishACanonicalJoinKeyedBySessionWithCloudEventsHeaders() throws Exception {
        UUID session = UUID.randomUUID();
        String body = LiveKitWebhooks.canonical("participant_joined", session, "customer", "u-42", "PA_abc");
        post(body).statusCode(200).body("published", equalTo(true));
        // The ack latency is a histogram, so a p99 can be computed from the scrape.
        given().get("/q/metrics").then().body(containsString("rendezvous_kafka_ack_latency_seconds_bucket{"));

        ConsumerRecord<String, String> record = published(session.toString(), 1).get(0);
        assertThat(Kafka.header(record, "ce_id")).isEqualTo(eventId(body));
        assertThat(Kafka.header(record, "ce_type")).isEqualTo("rendezvous.participant.joined");
        assertThat(Kafka.header(record, "ce_specversion")).isEqualTo("1.0");
        JsonNode v = value(record);
        assertThat(v.get("eventId").asText()).isEqualTo(eventId(body));
        assertThat(v.get("sessionId").asText()).isEqualTo(session.toString());
        assertThat(v.get("room").asText()).isEqualTo("session-" + session);
        assertThat(v.get("identity").asText()).isEqualTo("customer-u-42");
        assertThat(v.get("participantSid").asText()).isEqualTo("PA_abc");
        assertThat(v.get("role").asText()).isEqualTo("customer");
        assertThat(v.get("roleSource").asText()).isEqualTo("metadata");
        assertThat(v.get("userId").asText()).isEqualTo("u-42");
        assertThat(v.get("createdAt").isNull()).isFalse();
        assertThat(v.get("receivedAt").isNull()).isFalse();
        assertThat(v.get("problems")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "participant_joined, rendezvous.participant.joined",
            "participant_left, rendezvous.participant.left",
            "participant_connection_aborted, rendezvous.participant.connection-aborted",
            "track_published, rendezvous.track.published",
            "track_unpublished, rendezvous.track.unpublished"})
    void shouldMapEachParticipantEventType(String livekitEvent, String type) throws Exception {
        UUID session = UUID.randomUUID();
        String body = livekitEvent.startsWith("track")
                ? LiveKitWebhooks.trackEvent(livekitEvent, session, "mechanic", "m-7")
                : LiveKitWebhooks.canonical(livekitEvent, session, "mechanic", "m-7", "PA_m");
        post(body).statusCode(200);
        ConsumerRecord<String, String> record = published(session.toString(), 1).get(0);
        assertThat(Kafka.header(record, "ce_type")).isEqualTo(type);
        assertThat(value(record).get("role").asText()).isEqualTo("mechanic");
        if (livekitEvent.equals("participant_left")) {
            assertThat(value(record).get("disconnectReason").asText()).isEqualTo("CLIENT_INITIATED");
        }
        if (livekitEvent.startsWith("track")) {
            assertThat(value(record).get("trackSid").asText()).isEqualTo("TR_cam");
            assertThat(value(record).get("trackSource").asText()).isEqualTo("CAMERA");
        }
    }

    @ParameterizedTest
    @CsvSource({"room_started, rendezvous.room.started", "room_finished, rendezvous.room.finished"})
    void shouldMapRoomEvents(String livekitEvent, String type) throws Exception {
        UUID session = UUID.randomUUID();
        post(LiveKitWebhooks.roomEvent(livekitEvent, "session-" + session)).statusCode(200);
        ConsumerRecord<String, String> record = published(session.toString(), 1).get(0);
        assertThat(Kafka.header(record, "ce_type")).isEqualTo(type);
        assertThat(value(record).get("identity").isNull()).isTrue();
        assertThat(value(record).get("problems")).isEmpty();
    }

    @Test
    void shouldAcknowledgeButNotPublishOtherEventTypes() {
        post(LiveKitWebhooks.roomEvent("egress_started", "session-" + UUID.randomUUID()))
                .statusCode(200).body("published", equalTo(false));
    }

    @Test
    void shouldExtractTheSessionFromANonCanonicalRoomAndSaySo() throws Exception {
        UUID session = UUID.randomUUID();
        String room = "Session_" + session.toString().toUpperCase();
        post(LiveKitWebhooks.participantEvent("participant_joined", room, "customer-u1", "PA_1",
                "{\"role\":\"customer\",\"userId\":\"u1\"}", Map.of())).statusCode(200);
        JsonNode v = value(published(session.toString(), 1).get(0));
        assertThat(v.get("sessionId").asText()).isEqualTo(session.toString());
        assertThat(v.get("room").asText()).isEqualTo(room);
        assertThat(v.get("problems")).extracting(p -> p.get("code").asText()).containsExactly("room-name-not-canonical");
    }

    @Test
    void shouldKeyByRoomWhenTheRoomNamesNoSession() throws Exception {
        String room = "diagnostic-room-" + UUID.randomUUID().toString().substring(0, 8);
        post(LiveKitWebhooks.participantEvent("participant_joined", room, "customer-u1", "PA_1",
                "{\"role\":\"customer\",\"userId\":\"u1\"}", Map.of())).statusCode(200);
        JsonNode v = value(published(room, 1).get(0));
        assertThat(v.get("sessionId").isNull()).isTrue();
        assertThat(v.get("problems")).extracting(p -> p.get("code").asText()).containsExactly("room-without-session-id");
    }

    @Test
    void shouldReadTheRoleFromAttributesThenIdentityAndReportWhatIsWrong() throws Exception {
        UUID session = UUID.randomUUID();
        String room = "session-" + session;
        post(LiveKitWebhooks.participantEvent("participant_joined", room, "mechanic-m1", "PA_1", "not json",
                Map.of("role", "mechanic"))).statusCode(200);
        post(LiveKitWebhooks.participantEvent("participant_joined", room, "m1", "PA_2", "", Map.of())).statusCode(200);
        post(LiveKitWebhooks.participantEvent("participant_joined", room, "customer-m1", "PA_3",
                "{\"role\":\"mechanic\",\"userId\":\"m1\"}", Map.of())).statusCode(200);

        List<ConsumerRecord<String, String>> records = published(session.toString(), 3);
        assertThat(records).hasSize(3);
        JsonNode attributes = value(records.get(0));
        assertThat(attributes.get("role").asText()).isEqualTo("mechanic");
        assertThat(attributes.get("roleSource").asText()).isEqualTo("attributes");
        assertThat(attributes.get("problems")).extracting(p -> p.get("code").asText()).containsExactly("metadata-not-json");

        JsonNode unknown = value(records.get(1));
        assertThat(unknown.get("role").asText()).isEqualTo("unknown");
        assertThat(unknown.get("roleSource").asText()).isEqualTo("none");
        assertThat(unknown.get("problems")).extracting(p -> p.get("code").asText())
                .containsExactly("identity-malformed", "role-missing");

        JsonNode contradicting = value(records.get(2));
        assertThat(contradicting.get("role").asText()).isEqualTo("mechanic");
        assertThat(contradicting.get("problems")).extracting(p -> p.get("code").asText()).containsExactly("role-contradiction");
    }

    /** An agent or a recorder is said to be what it is; its identity and metadata are not a page's mistakes. */
    @Test
    void shouldCarryTheParticipantKindAndNotBlameAServiceForHavingNoRole() throws Exception {
        UUID session = UUID.randomUUID();
        String room = "session-" + session;
        post(LiveKitWebhooks.participantEvent("participant_joined", room, "agent-AJ_x1", "PA_ag", "", Map.of(),
                LivekitModels.ParticipantInfo.Kind.AGENT)).statusCode(200);
        post(LiveKitWebhooks.participantEvent("participant_joined", room, "EG_rec1", "PA_eg", "", Map.of(),
                LivekitModels.ParticipantInfo.Kind.EGRESS)).statusCode(200);
        post(LiveKitWebhooks.canonical("participant_joined", session, "customer", "u1", "PA_c")).statusCode(200);

        List<ConsumerRecord<String, String>> records = published(session.toString(), 3);
        List<String> kinds = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            kinds.add(value(record).get("kind").asText());
        }
        assertThat(kinds).containsExactly("AGENT", "EGRESS", "STANDARD");
        assertThat(value(records.get(0)).get("problems")).isEmpty();
        assertThat(value(records.get(1)).get("problems")).isEmpty();
    }

    @Test
    void shouldPublishADuplicateDeliveryWithTheSameId() throws Exception {
        UUID session = UUID.randomUUID();
        String body = LiveKitWebhooks.canonical("participant_joined", session, "customer", "u1", "PA_dup");
        post(body).statusCode(200);
        post(body).statusCode(200);
        List<ConsumerRecord<String, String>> records = published(session.toString(), 2);
        assertThat(records).extracting(r -> Kafka.header(r, "ce_id")).containsExactly(eventId(body), eventId(body));
    }

    @Test
    void shouldAcceptAWebhookFromAHostWhoseClockIsAhead() {
        String body = LiveKitWebhooks.canonical("participant_joined", UUID.randomUUID(), "customer", "u1", "PA_1");
        String signedTwoSecondsAhead = LiveKitWebhooks.sign(body, LiveKitWebhooks.apiKey(), LiveKitWebhooks.apiSecret(),
                Instant.now().plusSeconds(2));
        post(body, signedTwoSecondsAhead).statusCode(200);
    }

    @Test
    void shouldAcceptTheSignatureWithABearerPrefix() {
        String body = LiveKitWebhooks.canonical("participant_joined", UUID.randomUUID(), "customer", "u1", "PA_1");
        post(body, "Bearer " + LiveKitWebhooks.sign(body)).statusCode(200);
    }

    @Test
    void shouldRefuseEveryBadSignatureAndPublishNothing() {
        UUID session = UUID.randomUUID();
        String body = LiveKitWebhooks.canonical("participant_joined", session, "customer", "u1", "PA_1");
        post(body, null).statusCode(401).body("error", equalTo("missing-signature"));
        post(body, LiveKitWebhooks.sign(body, LiveKitWebhooks.apiKey(), "another-secret-of-sufficient-length", null))
                .statusCode(401).body("error", equalTo("bad-signature"));
        post(body, LiveKitWebhooks.sign(body, "otherkey", LiveKitWebhooks.apiSecret(), null))
                .statusCode(401).body("error", equalTo("bad-signature"));
        post(body.replace("customer", "mechanic"), LiveKitWebhooks.sign(body))
                .statusCode(401).body("error", equalTo("body-mismatch"));
        post(body, LiveKitWebhooks.sign(body, LiveKitWebhooks.apiKey(), LiveKitWebhooks.apiSecret(),
                Instant.now().minusSeconds(3600))).statusCode(401).body("error", equalTo("expired"));
        post(body, "garbage").statusCode(401).body("error", equalTo("bad-signature"));
        assertThat(published(session.toString(), 0)).isEmpty();
    }

    @Test
    void shouldRefuseAnUnreadableBodyOnceAuthenticated() {
        String body = "{\"this is\": \"not a webhook\"";
        post(body).statusCode(400).body("error", equalTo("unreadable"));
        post("{}").statusCode(400).body("error", equalTo("unreadable"));
    }

    @Test
    void shouldRefuseABodyOverOneMebibyte() {
        String body = "{\"event\":\"room_started\",\"id\":\"EV_big\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
        post(body).statusCode(413).body("error", equalTo("too-large"));
    }

    @Test
    void shouldRefuseAnOversizeDeclaredLengthBeforeReadingTheBody() throws Exception {
        // Declares 1.5 MiB and sends 10 bytes: the answer must come without waiting for the rest.
        try (Socket socket = new Socket("127.0.0.1", webhookUrl.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/livekit/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/webhook+json\r\n"
                    + "Authorization: whatever\r\nContent-Length: 1572864\r\n\r\n{\"event\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 413");
            String line;
            StringBuilder rest = new StringBuilder();
            while ((line = in.readLine()) != null) {
                rest.append(line).append('\n');
            }
            assertThat(rest.toString()).contains("\"error\":\"too-large\"");
        }
    }

    @Test
    void shouldServeHealthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
