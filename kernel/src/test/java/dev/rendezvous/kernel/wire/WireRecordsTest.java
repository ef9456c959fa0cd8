package dev.rendezvous.kernel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rendezvous.contracts.RecordContract;
import dev.rendezvous.kernel.Problem;
import dev.rendezvous.kernel.Role;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records that cross Kafka against their published JSON Schemas (contracts/schemas): every field of
 * a record is a property of its schema and every property a field, and a record written as the
 * services write it keeps the schema. A field renamed on either side fails here before any broker runs.
 */
class WireRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");
    private static final String ID = "3f0a7c52-6b1e-4d8f-9a27-5c4e1d2b8f60";

    private static JsonNode schema(String name) throws Exception {
        try (InputStream in = RecordContract.class.getResourceAsStream("/contracts/schemas/" + name + ".json")) {
            return JSON.readTree(in);
        }
    }

    private static List<String> properties(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.get("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    @Test
    void shouldWriteAParticipantEventAsItsSchemaSays() throws Exception {
        assertThat(components(ParticipantEvent.class)).containsExactlyInAnyOrderElementsOf(properties(schema("participant-event")));
        ParticipantEvent event = new ParticipantEvent("EV_1", ParticipantEventType.JOINED.type(), ID, "session-" + ID,
                "customer-c1", "PA_1", "customer", "metadata", "c1", null, null, null, AT, AT,
                List.of(new Problem("role-contradiction", "role differs")));
        assertThat(RecordContract.PARTICIPANT_EVENT.valueViolations(JSON.writeValueAsString(event))).isEmpty();
        assertThat(schema("participant-event").get("x-cloudevents-types").toString())
                .contains(Arrays.stream(ParticipantEventType.values()).map(ParticipantEventType::type).toList());
    }

    @Test
    void shouldWriteATokenEventAsItsSchemaSays() throws Exception {
        assertThat(components(TokenEvent.class)).containsExactlyInAnyOrderElementsOf(properties(schema("token-event")));
        TokenEvent event = new TokenEvent(UUID.randomUUID().toString(), TokenEvent.ISSUED, ID, "c1", "customer", "customer-c1",
                "session-" + ID, AT, AT.plusSeconds(600));
        assertThat(RecordContract.TOKEN_EVENT.valueViolations(JSON.writeValueAsString(event))).isEmpty();
    }

    @Test
    void shouldWriteASessionDeadlineAsItsSchemaSays() throws Exception {
        assertThat(components(SessionDeadline.class)).containsExactlyInAnyOrderElementsOf(properties(schema("session-deadline")));
        SessionDeadline deadline = new SessionDeadline("deadline:" + ID + ":1", SessionDeadline.TYPE, ID, AT, true);
        assertThat(RecordContract.SESSION_DEADLINE.valueViolations(JSON.writeValueAsString(deadline))).isEmpty();
    }

    @Test
    void shouldWriteASessionSnapshotAsTheSignalSchemaSays() throws Exception {
        JsonNode schema = schema("session-signal");
        SessionSnapshot.Party customer = new SessionSnapshot.Party("c1", true, "customer-c1", AT, new SessionSnapshot.Media(true, true),
                SessionSnapshot.Receives.NOTHING);
        SessionSnapshot.Party mechanic = new SessionSnapshot.Party("m1", false, null, null, new SessionSnapshot.Media(false, false),
                SessionSnapshot.Receives.NOTHING);
        SessionSnapshot snapshot = new SessionSnapshot(UUID.fromString(ID), SessionStatus.WAITING, 2, customer, mechanic, false,
                false, new SessionSnapshot.Waiting(Role.MECHANIC, AT, false), null, null, null);
        JsonNode written = JSON.valueToTree(snapshot);
        // Every field as written (nulls included) is a property of the schema, and every property is written.
        assertThat(fields(written)).containsExactlyInAnyOrderElementsOf(properties(schema));
        assertThat(fields(written.get("customer"))).containsExactlyInAnyOrderElementsOf(properties(schema.at("/$defs/party")));
        assertThat(fields(written.get("waiting"))).containsExactlyInAnyOrderElementsOf(properties(schema.at("/$defs/waiting")));
        assertThat(fields(written.at("/customer/receives")))
                .containsExactlyInAnyOrderElementsOf(properties(schema.at("/$defs/party/properties/receives")));
        assertThat(written.at("/waiting/for").asText()).isEqualTo("mechanic");
        assertThat(RecordContract.SESSION_SIGNAL.valueViolations(written.toString())).isEmpty();
        assertThat(JSON.treeToValue(written, SessionSnapshot.class)).isEqualTo(snapshot);
        for (SessionStatus status : SessionStatus.values()) {
            assertThat(schema.get("x-cloudevents-types").toString()).contains(status.signalType());
        }
    }

    @Test
    void shouldReadASignalPublishedBeforeSeenAndHeardAsNothingReceived() throws Exception {
        String before = "{\"sessionId\":\"" + ID + "\",\"status\":\"READY\",\"version\":3,"
                + "\"customer\":{\"userId\":\"c1\",\"present\":true,\"identity\":\"customer-c1\",\"since\":null,"
                + "\"media\":{\"camera\":true,\"microphone\":true}},"
                + "\"mechanic\":{\"userId\":\"m1\",\"present\":true,\"identity\":\"mechanic-m1\",\"since\":null,"
                + "\"media\":{\"camera\":true,\"microphone\":true}},"
                + "\"mediaReady\":true,\"readyAt\":null,\"endedAt\":null,\"endReason\":null}";
        SessionSnapshot read = JSON.readValue(before, SessionSnapshot.class);
        assertThat(read.seenAndHeard()).isFalse();
        assertThat(read.customer().receives()).isNull();
        assertThat(read.mediaReady()).isTrue();
    }

    /** Records only grow: a validating consumer must still accept a record with a field added at any level. */
    @Test
    void shouldAcceptAFieldAddedAtAnyLevelOfEveryRecord() throws Exception {
        ParticipantEvent event = new ParticipantEvent("EV_1", ParticipantEventType.JOINED.type(), ID, "session-" + ID,
                "customer-c1", "PA_1", "customer", "metadata", "c1", null, null, null, AT, AT,
                List.of(new Problem("role-contradiction", "role differs")));
        ObjectNode grown = JSON.valueToTree(event);
        grown.put("kind", "STANDARD");
        ((ObjectNode) grown.get("problems").get(0)).put("severity", "warn");
        assertThat(RecordContract.PARTICIPANT_EVENT.valueViolations(grown.toString())).isEmpty();

        ObjectNode token = JSON.valueToTree(new TokenEvent(UUID.randomUUID().toString(), TokenEvent.ISSUED, ID, "c1", "customer", "customer-c1",
                "session-" + ID, AT, AT.plusSeconds(600)));
        token.put("hidden", false);
        assertThat(RecordContract.TOKEN_EVENT.valueViolations(token.toString())).isEmpty();

        ObjectNode deadline = JSON.valueToTree(new SessionDeadline("deadline:" + ID + ":1", SessionDeadline.TYPE, ID, AT, true));
        deadline.put("reason", "abandoned");
        assertThat(RecordContract.SESSION_DEADLINE.valueViolations(deadline.toString())).isEmpty();

        ObjectNode signal = (ObjectNode) JSON.readTree(SIGNAL_BEFORE_SEEN_AND_HEARD);
        signal.putArray("guests").addObject().put("role", "supervisor").put("userId", "s1");
        signal.put("recording", true);
        ((ObjectNode) signal.get("customer")).put("displayName", "Ada");
        ((ObjectNode) signal.at("/customer/media")).put("screenShare", false);
        assertThat(RecordContract.SESSION_SIGNAL.valueViolations(signal.toString())).isEmpty();
    }

    /** Fields added after the first records (seenAndHeard, receives) are optional: older records keep the contract. */
    @Test
    void shouldAcceptASignalPublishedBeforeTheLateFieldsExisted() {
        assertThat(RecordContract.SESSION_SIGNAL.valueViolations(SIGNAL_BEFORE_SEEN_AND_HEARD)).isEmpty();
    }

    @Test
    void shouldStillRefuseARecordThatBreaksTheContract() throws Exception {
        ObjectNode signal = (ObjectNode) JSON.readTree(SIGNAL_BEFORE_SEEN_AND_HEARD);
        signal.remove("status");
        assertThat(RecordContract.SESSION_SIGNAL.valueViolations(signal.toString())).isNotEmpty();
        signal.put("status", "MAYBE");
        assertThat(RecordContract.SESSION_SIGNAL.valueViolations(signal.toString())).isNotEmpty();
    }

    private static final String SIGNAL_BEFORE_SEEN_AND_HEARD = "{\"sessionId\":\"" + ID + "\",\"status\":\"READY\",\"version\":3,"
            + "\"customer\":{\"userId\":\"c1\",\"present\":true,\"identity\":\"customer-c1\",\"since\":null,"
            + "\"media\":{\"camera\":true,\"microphone\":true}},"
            + "\"mechanic\":{\"userId\":\"m1\",\"present\":true,\"identity\":\"mechanic-m1\",\"since\":null,"
            + "\"media\":{\"camera\":true,\"microphone\":true}},"
            + "\"mediaReady\":true,\"waiting\":null,\"readyAt\":null,\"endedAt\":null,\"endReason\":null}";

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
