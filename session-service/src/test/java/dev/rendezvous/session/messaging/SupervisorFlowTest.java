package dev.rendezvous.session.messaging;

import dev.rendezvous.contracts.RecordContract;
import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A session with supervisors, through the real broker and database: the roster takes them, the snapshot
 * lists them in members with their presence, and a supervisor in the room changes nothing else: READY
 * comes from the customer and the mechanic alone, nobody waits for a supervisor, and a stranger who
 * claims to be one counts for nobody. A supervisor reads the session but neither ends it nor reports
 * reception.
 */
@QuarkusTest
class SupervisorFlowTest {

    private static final String JOINED = "rendezvous.participant.joined";
    private static final String LEFT = "rendezvous.participant.left";

    private record Roster(Sessions.Created session, String supervisor, String second) {
    }

    private static Roster create() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customer = "cust-" + suffix, mechanic = "mech-" + suffix, supervisor = "boss-" + suffix, second = "lead-" + suffix;
        String body = "{\"members\": [{\"userId\": \"" + supervisor + "\", \"role\": \"supervisor\"}, {\"userId\": \"" + customer
                + "\", \"role\": \"customer\"}, {\"userId\": \"" + mechanic + "\", \"role\": \"mechanic\"}, {\"userId\": \"" + second
                + "\", \"role\": \"supervisor\"}]}";
        String id = given().auth().oauth2(TestJwt.backend()).contentType(ContentType.JSON).body(body).post("/v1/sessions")
                .then().statusCode(201)
                .body("members.role", contains("customer", "mechanic", "supervisor", "supervisor"))
                .body("members.userId", contains(customer, mechanic, supervisor, second))
                .extract().path("sessionId");
        return new Roster(new Sessions.Created(UUID.fromString(id), customer, mechanic), supervisor, second);
    }

    private static ValidatableResponse read(Sessions.Created s) {
        return given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id()).then().statusCode(200);
    }

    @Test
    void shouldShowASupervisorWithoutCountingThem() {
        Roster r = create();
        Sessions.Created s = r.session();
        // Alone in the room, a supervisor is present, and the session still waits for nobody.
        ParticipantEvents.send(s, ParticipantEvents.member(s, JOINED, "supervisor", r.supervisor(), "PA_boss"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> read(s).body("members[2].present", equalTo(true)));
        read(s).body("status", equalTo("WAITING")).body("waiting", nullValue())
                .body("members[2].identity", equalTo("supervisor-" + r.supervisor())).body("members[3].present", equalTo(false));

        ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_c"));
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_m"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> read(s).body("status", equalTo("READY")));
        long ready = read(s).extract().jsonPath().getLong("version");

        // A stranger claiming to be a supervisor counts for nobody; the second supervisor joins and leaves.
        ParticipantEvents.send(s, ParticipantEvents.member(s, JOINED, "supervisor", "eve", "PA_eve"));
        ParticipantEvents.send(s, ParticipantEvents.member(s, JOINED, "supervisor", r.second(), "PA_lead"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> read(s).body("members[3].present", equalTo(true)));
        ParticipantEvents.send(s, ParticipantEvents.member(s, LEFT, "supervisor", r.second(), "PA_lead"));
        // The supervisor who was there first leaving while the two stay changes neither status nor the parties.
        ParticipantEvents.send(s, ParticipantEvents.member(s, LEFT, "supervisor", r.supervisor(), "PA_boss"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> read(s).body("members[2].present", equalTo(false))
                .body("members[3].present", equalTo(false)));
        read(s).body("status", equalTo("READY")).body("customer.present", equalTo(true)).body("mechanic.present", equalTo(true))
                .body("members.userId", contains(s.customerId(), s.mechanicId(), r.supervisor(), r.second()));
        assertThat(read(s).extract().jsonPath().getLong("version")).isGreaterThan(ready);
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id() + "/diagnosis").then()
                .body("checks.find { it.check == 'uninvited' }.detail", containsString("supervisor-eve"))
                .body("checks.find { it.check == 'roster' }.detail", containsString(r.supervisor()));
        // The snapshot with supervisors keeps the published contract.
        assertThat(RecordContract.SESSION_SIGNAL.valueViolations(read(s).extract().asString())).isEmpty();
    }

    @Test
    void shouldLetASupervisorReadButNotEndOrReport() {
        Roster r = create();
        Sessions.Created s = r.session();
        given().auth().oauth2(TestJwt.user(r.supervisor())).get("/v1/sessions/" + s.id()).then().statusCode(200)
                .body("members[2].userId", equalTo(r.supervisor()));
        given().auth().oauth2(TestJwt.user(r.supervisor())).post("/v1/sessions/" + s.id() + "/end").then().statusCode(403)
                .body("error", equalTo("observer-only"));
        given().auth().oauth2(TestJwt.user(r.supervisor())).contentType(ContentType.JSON).body("{\"video\": true, \"audio\": true}")
                .put("/v1/sessions/" + s.id() + "/reception").then().statusCode(403).body("error", equalTo("observer-only"));
        read(s).body("status", equalTo("WAITING"));
    }

    @Test
    void shouldTakeTheSameRosterInAnotherOrderAsARetry() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String key = "key-" + suffix;
        String first = "{\"members\": [{\"userId\": \"c-" + suffix + "\", \"role\": \"customer\"}, {\"userId\": \"m-" + suffix
                + "\", \"role\": \"mechanic\"}, {\"userId\": \"s-" + suffix + "\", \"role\": \"supervisor\"}]}";
        String reordered = "{\"members\": [{\"userId\": \"s-" + suffix + "\", \"role\": \"supervisor\"}, {\"userId\": \"m-" + suffix
                + "\", \"role\": \"mechanic\"}, {\"userId\": \"c-" + suffix + "\", \"role\": \"customer\"}]}";
        String id = given().auth().oauth2(TestJwt.backend()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(first)
                .post("/v1/sessions").then().statusCode(201).extract().path("sessionId");
        given().auth().oauth2(TestJwt.backend()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(reordered)
                .post("/v1/sessions").then().statusCode(200).body("sessionId", equalTo(id));
        given().auth().oauth2(TestJwt.backend()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(first.replace("\"s-" + suffix, "\"x-" + suffix)).post("/v1/sessions").then().statusCode(409)
                .body("error", equalTo("idempotency-conflict"));
    }
}
