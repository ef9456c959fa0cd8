package dev.rendezvous.session.diagnosis;

import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.TestJwt;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** What diagnoses cost LiveKit is bounded: one question per session at a time, and a limit per user. */
@QuarkusTest
class DiagnosisBoundsTest {

    @Inject
    MeterRegistry registry;

    private double participantLists() {
        var counter = registry.find("rendezvous.livekit.calls").tag("call", "list_participants").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldAskLiveKitOnceForDiagnosesOfOneSessionInQuickSuccession() {
        Sessions.Created s = Sessions.create();
        double before = participantLists();
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(TestJwt.user(s.customerId())).get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(200);
        }
        assertThat(participantLists() - before).isLessThanOrEqualTo(2);
    }

    @Test
    void shouldLimitTheDiagnosesOneUserAsksFor() {
        Sessions.Created s = Sessions.create();
        String busy = TestJwt.backend("busy-" + UUID.randomUUID());
        int answered = 0;
        long began = System.nanoTime();
        io.restassured.response.Response refused = null;
        for (int i = 0; i < 40; i++) {
            io.restassured.response.Response response = given().auth().oauth2(busy).get("/v1/sessions/" + s.id() + "/diagnosis");
            if (response.statusCode() == 429) {
                refused = response;
                break;
            }
            answered++;
        }
        // The burst (30), and what the rate (one a second) gave back while the loop ran, however long it took.
        long seconds = (System.nanoTime() - began) / 1_000_000_000L;
        assertThat(refused).as("no 429 in 40 diagnoses").isNotNull();
        assertThat(answered).isBetween(30, 31 + (int) seconds);
        // The refusal itself is asserted: asking once more can race the next second's refill (a red CI run).
        refused.then().body("error", equalTo("too-many-diagnoses")).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        // Another user is counted apart.
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(200);
    }
}
