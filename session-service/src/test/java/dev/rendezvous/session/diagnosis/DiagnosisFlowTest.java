package dev.rendezvous.session.diagnosis;

import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.session.support.Sql;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

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
                "SELECT count(*) FROM session_timeline WHERE session_id = '" + s.id() + "'") == 2);
        String where = " FROM session_timeline WHERE session_id = '" + s.id() + "' AND ";
        assertThat(Sql.text("SELECT concat_ws('|', origin, role, role_source, user_id, problems)" + where
                + "type = 'rendezvous.participant.joined'"))
                .isEqualTo("WEBHOOK|customer|metadata|" + s.customerId() + "|role-contradiction");
        assertThat(Sql.text("SELECT concat_ws('|', origin, role, user_id, token_expires_at IS NOT NULL)" + where
                + "type = 'rendezvous.token.issued'")).isEqualTo("TOKEN_SERVICE|mechanic|" + s.mechanicId() + "|t");

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

        given().auth().oauth2(TestJwt.backend()).post("/v1/sessions/" + s.id() + "/reconcile").then().statusCode(200)
                .body("status", equalTo("reconciled"))
                .body("corrections", hasItem("left mechanic-" + s.mechanicId() + " (PA_ghost)"));
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id()).then()
                .body("mechanic.present", equalTo(false)).body("version", equalTo(3));
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id() + "/diagnosis").then()
                .body(CHECK.formatted("reconciliation"), equalTo("WARN"));
        // A second reconciliation finds nothing more to correct.
        given().auth().oauth2(TestJwt.backend()).post("/v1/sessions/" + s.id() + "/reconcile").then()
                .body("corrections.size()", equalTo(0));
    }
}
