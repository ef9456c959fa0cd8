package dev.rendezvous.session.messaging;

import dev.rendezvous.contracts.RecordContract;
import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.session.support.SseClient;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * An AI agent and a recorder in a session's room, through the real broker and database: they never count
 * for a role (not even the agent whose token copied the mechanic's metadata), the snapshot lists them
 * under others, says recording while the recorder is there, and the diagnosis names them as what they are.
 */
@QuarkusTest
class ParticipantKindsFlowTest {

    @TestHTTPResource("/v1/sessions")
    URI sessions;

    private static final String JOINED = "rendezvous.participant.joined";
    private static final String LEFT = "rendezvous.participant.left";

    @Test
    void shouldListAgentsAndRecordersWithoutCountingThem() {
        Sessions.Created s = Sessions.create();
        try (SseClient customer = SseClient.open(URI.create(sessions + "/" + s.id() + "/stream?access_token="
                + TestJwt.user(s.customerId())))) {
            ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_c"));
            ParticipantEvents.send(s, ParticipantEvents.service(s, JOINED, "AGENT", "agent-AJ_fault_codes", "PA_ag", "mechanic"));
            ParticipantEvents.send(s, ParticipantEvents.service(s, JOINED, "EGRESS", "EG_compliance", "PA_eg", null));

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                    .get("/v1/sessions/" + s.id()).then().body("others", hasSize(2)).body("recording", equalTo(true)));
            given().auth().oauth2(TestJwt.user(s.customerId())).get("/v1/sessions/" + s.id()).then()
                    .body("status", equalTo("WAITING"))
                    .body("mechanic.present", equalTo(false))
                    .body("waiting.for", equalTo("mechanic"))
                    .body("others[0].kind", equalTo("AGENT")).body("others[0].identity", equalTo("agent-AJ_fault_codes"))
                    .body("others[1].kind", equalTo("EGRESS"));
            given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id() + "/diagnosis").then()
                    .body("checks.find { it.check == 'others' }.status", equalTo("WARN"))
                    .body("checks.find { it.check == 'others' }.detail", containsString("the call is being recorded"))
                    .body("checks.find { it.check == 'others' }.detail", containsString("an AI agent agent-AJ_fault_codes"))
                    .body("checks.find { it.check == 'uninvited' }.status", equalTo("PASS"))
                    .body("checks.find { it.check == 'identity-and-role' }.status", equalTo("PASS"));

            ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_m"));
            ParticipantEvents.send(s, ParticipantEvents.service(s, LEFT, "EGRESS", "EG_compliance", "PA_eg", null));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                    .get("/v1/sessions/" + s.id()).then().body("status", equalTo("READY")).body("recording", equalTo(false))
                    .body("others", hasSize(1)));

            // The page saw each of these as a change of the snapshot, and every signal keeps the published contract.
            await().atMost(Duration.ofSeconds(15)).until(() -> customer.events().stream()
                    .anyMatch(e -> e.data().path("recording").asBoolean()));
            customer.events().forEach(e -> assertThat(RecordContract.SESSION_SIGNAL.valueViolations(e.data().toString())).isEmpty());
        }
    }
}
