package dev.rendezvous.session.diagnosis;

import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.session.support.Sql;
import dev.rendezvous.testing.Kafka;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** Diagnosis and reconciliation over the real broker, database and LiveKit server. */
@QuarkusTest
class DiagnosisFlowTest {

    private static final String CHECK = "checks.find { it.check == '%s' }.status";

    @Test
    void shouldNameTheMissingMechanicFromWhatTheServicesSaw() {
        Sessions.Created s = Sessions.create();
        ParticipantEvents.tokenIssued(s, "customer");
        ParticipantEvents.tokenIssued(s, "mechanic");
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_c"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.user(s.customerId()))
                .get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(200)
                .body(CHECK.formatted("customer-joined"), equalTo("PASS"))
                .body(CHECK.formatted("mechanic-token"), equalTo("PASS")));
        given().auth().oauth2(TestJwt.user(s.customerId())).get("/v1/sessions/" + s.id() + "/diagnosis").then()
                .body(CHECK.formatted("livekit"), equalTo("PASS"))
                .body(CHECK.formatted("mechanic-joined"), equalTo("FAIL"))
                .body(CHECK.formatted("webhooks"), equalTo("PASS"))
                .body("summary", startsWith("Waiting for the mechanic: a token was issued to mechanic-" + s.mechanicId()))
                .body("summary", containsString("LiveKit has not reported them joining " + s.room()));
        given().auth().oauth2(TestJwt.backend()).accept("text/plain").get("/v1/sessions/" + s.id() + "/diagnosis").then()
                .statusCode(200)
                .body(containsString("Waiting for the mechanic"))
                .body(containsString("[FAIL] mechanic-joined"))
                .body(containsString("[PASS] customer-joined"));
        given().auth().oauth2(TestJwt.user("stranger")).get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(403);
    }

    @Test
    void shouldKeepTheFactsDiagnosisReadsAsColumnsOfTheTimeline() {
        Sessions.Created s = Sessions.create();
        ParticipantEvents.tokenIssued(s, "mechanic");
        String json = ParticipantEvents.joined(s, "customer", "PA_c").replace("\"problems\":[]",
                "\"problems\":[{\"code\":\"role-contradiction\",\"detail\":\"role differs between sources\"}]");
        ParticipantEvents.send(s, json);
        await().atMost(Duration.ofSeconds(15)).until(() -> Sql.count(
                "SELECT count(*) FROM session_timeline WHERE session_id = '" + s.id() + "'") == 1
                && Sql.count("SELECT count(*) FROM session_tokens WHERE session_id = '" + s.id() + "'") == 1);
        String where = " FROM session_timeline WHERE session_id = '" + s.id() + "' AND ";
        assertThat(Sql.text("SELECT concat_ws('|', origin, role, role_source, user_id, problems, outcome)" + where
                + "type = 'rendezvous.participant.joined'"))
                .isEqualTo("WEBHOOK|customer|metadata|" + s.customerId() + "|role-contradiction|counted");
        // A token is no timeline row: the latest per role, and a count.
        assertThat(Sql.text("SELECT concat_ws('|', role, user_id, identity, minted, expires_at IS NOT NULL) FROM session_tokens "
                + "WHERE session_id = '" + s.id() + "'")).isEqualTo("mechanic|" + s.mechanicId() + "|mechanic-" + s.mechanicId() + "|1|t");

        // The diagnosis reads those columns: with the payload gone, it finds the same.
        Sql.execute("UPDATE session_timeline SET payload = NULL WHERE session_id = '" + s.id() + "'");
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id() + "/diagnosis").then()
                .body(CHECK.formatted("identity-and-role"), equalTo("WARN"))
                .body("checks.find { it.check == 'identity-and-role' }.reason", equalTo("IDENTITY_DOUBTS"))
                .body(CHECK.formatted("mechanic-token"), equalTo("PASS"))
                .body("checks.find { it.check == 'mechanic-token' }.evidence.identity", equalTo("mechanic-" + s.mechanicId()))
                .body(CHECK.formatted("customer-joined"), equalTo("PASS"));
    }

    @Test
    void shouldCountAParticipantNobodyInvitedForNobodyAndNameIt() {
        // The customer is in; then a participant with identity "intruder" and a mechanic's metadata but no
        // user id joins the room. It made the session READY before the roster rule covered it.
        Sessions.Created s = Sessions.create();
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_c"));
        String intruder = ParticipantEvents.joined(s, "mechanic", "PA_intruder")
                .replace("\"identity\":\"mechanic-" + s.mechanicId() + "\"", "\"identity\":\"intruder\"")
                .replace("\"userId\":\"" + s.mechanicId() + "\"", "\"userId\":null");
        ParticipantEvents.send(s, intruder);
        ParticipantEvents.send(s, ParticipantEvents.track(s, "rendezvous.track.published", "customer", "PA_c", "TR_c", "CAMERA"));
        await().atMost(Duration.ofSeconds(15)).until(() -> Sql.count(
                "SELECT count(*) FROM session_timeline WHERE session_id = '" + s.id() + "'") == 3);
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id()).then()
                .body("status", equalTo("WAITING")).body("mechanic.present", equalTo(false));
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id() + "/diagnosis").then()
                .body(CHECK.formatted("uninvited"), equalTo("WARN"))
                .body("checks.find { it.check == 'uninvited' }.evidence.participants[0].identity", equalTo("intruder"))
                .body("checks.find { it.check == 'uninvited' }.evidence.participants[0].claimedRole", equalTo("mechanic"))
                .body("checks.find { it.check == 'uninvited' }.evidence.participants[0].verdict", equalTo("ignored:user-unreadable"))
                .body("checks.find { it.check == 'uninvited' }.detail", containsString("no user id can be read"));
    }

    @Test
    void shouldKeepOneRowPerRoleHoweverManyTokensAreMinted() throws Exception {
        // A loop in a page: every mint was a timeline row and a processed event id, without end.
        Sessions.Created s = Sessions.create();
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, String> producer = Kafka.producer()) {
            for (int i = 0; i < 300; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                producer.send(new ProducerRecord<>("token-events", s.id().toString(), ParticipantEvents.tokenRecord(s, "customer", id,
                        Instant.now().plusMillis(i))));
            }
            // A mint delivered twice counts once.
            producer.send(new ProducerRecord<>("token-events", s.id().toString(), ParticipantEvents.tokenRecord(s, "customer",
                    ids.get(299), Instant.now().plusMillis(299))));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> Sql.count("SELECT coalesce(sum(minted), 0) FROM session_tokens "
                + "WHERE session_id = '" + s.id() + "'") >= 300);
        Thread.sleep(1000);
        assertThat(Sql.count("SELECT count(*) FROM session_tokens WHERE session_id = '" + s.id() + "'")).isEqualTo(1);
        assertThat(Sql.count("SELECT minted FROM session_tokens WHERE session_id = '" + s.id() + "'")).isEqualTo(300);
        assertThat(Sql.count("SELECT count(*) FROM session_timeline WHERE session_id = '" + s.id() + "'")).isZero();
        assertThat(Sql.count("SELECT count(*) FROM processed_events WHERE event_id = '" + ids.get(0) + "'")).isZero();
    }

    @Test
    void shouldReportARoomNameMismatch() {
        Sessions.Created s = Sessions.create();
        String json = ParticipantEvents.joined(s, "mechanic", "PA_m").replace("\"room\":\"" + s.room() + "\"",
                "\"room\":\"" + s.id() + "\"");
        ParticipantEvents.send(s, json);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id() + "/diagnosis").then()
                .body(CHECK.formatted("room-name"), equalTo("FAIL"))
                .body("checks.find { it.check == 'room-name' }.evidence.rooms", hasItem(s.id().toString()))
                .body("summary", containsString("joined room " + s.id() + ", not " + s.room())));
    }

    @Test
    void shouldRepairAGhostWhoseLeaveWasMissed() {
        Sessions.Created s = Sessions.create();
        // LiveKit reported the mechanic joining a minute ago; its leave never arrived, and LiveKit
        // does not list them now.
        ParticipantEvents.send(s, ParticipantEvents.record(s, "rendezvous.participant.joined", "mechanic", "PA_ghost",
                null, Instant.now().minusSeconds(60)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id()).then().body("mechanic.present", equalTo(true)));

        // LiveKit saying "nobody" once is not believed (a LiveKit restarting says it too); said again a while later, it is.
        given().auth().oauth2(TestJwt.backend()).post("/v1/sessions/" + s.id() + "/reconcile").then().statusCode(200)
                .body("status", equalTo("skipped")).body("reason", containsString("LiveKit lists nobody"));
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id()).then().body("mechanic.present", equalTo(true));
        await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth()
                .oauth2(TestJwt.backend()).post("/v1/sessions/" + s.id() + "/reconcile").then().statusCode(200)
                .body("status", equalTo("reconciled"))
                .body("corrections", hasItem("left mechanic-" + s.mechanicId() + " (PA_ghost)")));
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id()).then()
                .body("mechanic.present", equalTo(false)).body("version", equalTo(3));
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id() + "/diagnosis").then()
                .body(CHECK.formatted("reconciliation"), equalTo("WARN"));
        // A second reconciliation finds nothing more to correct.
        given().auth().oauth2(TestJwt.backend()).post("/v1/sessions/" + s.id() + "/reconcile").then()
                .body("corrections.size()", equalTo(0));
    }
}
