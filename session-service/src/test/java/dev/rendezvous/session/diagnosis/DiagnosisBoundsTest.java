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
        for (int i = 0; i < 40; i++) {
            int status = given().auth().oauth2(busy).get("/v1/sessions/" + s.id() + "/diagnosis").statusCode();
            if (status == 429) {
                break;
            }
            answered++;
        }
        // The burst, and what the rate (one a second) gave back while the loop ran.
        assertThat(answered).isBetween(30, 34);
        given().auth().oauth2(busy).get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(429)
                .body("error", equalTo("too-many-diagnoses")).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        // Another user is counted apart.
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(200);
    }
}
