package dev.rendezvous.session.diagnosis;

import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** With LiveKit unreachable, reconciliation is skipped and says so, and the state is left alone. */
@QuarkusTest
@TestProfile(LiveKitDownTest.Unreachable.class)
class LiveKitDownTest {

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("livekit.url", "ws://127.0.0.1:1");
        }
    }

    @Test
    void shouldSkipReconciliationAndFailTheLiveKitCheck() {
        Sessions.Created s = Sessions.create();
        ParticipantEvents.send(s, ParticipantEvents.record(s, "rendezvous.participant.joined", "customer", "PA_c",
                null, Instant.now().minusSeconds(60)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id()).then().body("customer.present", equalTo(true)));

        given().auth().oauth2(TestJwt.backend()).post("/v1/sessions/" + s.id() + "/reconcile").then().statusCode(200)
                .body("status", equalTo("skipped"))
                .body("reason", startsWith("LiveKit could not be asked"));
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id()).then()
                .body("customer.present", equalTo(true)).body("version", equalTo(2));
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id() + "/diagnosis").then()
                .body("checks.find { it.check == 'livekit' }.status", equalTo("FAIL"))
                .body("summary", containsString("LiveKit cannot be reached at http://127.0.0.1:1"));
    }

    @Test
    void shouldShowARosterMemberTheReasonButNotWhereLiveKitRunsOrHowItFailed() {
        Sessions.Created s = Sessions.create();
        String member = TestJwt.user(s.customerId());
        String diagnosis = given().auth().oauth2(member).get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(200)
                .body("checks.find { it.check == 'livekit' }.status", equalTo("FAIL"))
                .body("checks.find { it.check == 'livekit' }.reason", equalTo("LIVEKIT_UNREACHABLE"))
                .extract().asString();
        assertThat(diagnosis).doesNotContain("127.0.0.1").doesNotContain("Connection refused").doesNotContain("could not be reached to");
        String reconciled = given().auth().oauth2(member).post("/v1/sessions/" + s.id() + "/reconcile").then().statusCode(200)
                .body("status", equalTo("skipped")).extract().asString();
        assertThat(reconciled).doesNotContain("127.0.0.1").doesNotContain("refused");
        // A backend sees both.
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id() + "/diagnosis").then()
                .body("checks.find { it.check == 'livekit' }.detail", containsString("127.0.0.1:1"));
        given().auth().oauth2(TestJwt.backend()).post("/v1/sessions/" + s.id() + "/reconcile").then()
                .body("detail", containsString("127.0.0.1"));
    }
}
