package dev.rendezvous.token.rest;

import dev.rendezvous.token.support.StubSessionService;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session-service that answers 500 is failing: the roster lookup's circuit breaker opens and
 * token-service stops calling it for a few seconds. Its own app, so the open breaker touches no other test.
 */
@QuarkusTest
@TestProfile(RosterBreakerTest.OwnApp.class)
class RosterBreakerTest {

    public static class OwnApp implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StubSessionService.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rendezvous.roster.follow-signals", "false", "rendezvous.mint.burst", "100");
        }
    }

    @Test
    void shouldStopCallingASessionServiceThatAnswersServerErrors() {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            messages.add(given().auth().oauth2(TestJwt.user("u")).post("/v1/sessions/" + StubSessionService.BROKEN_SESSION + "/token")
                    .then().statusCode(503).extract().path("message"));
        }
        assertThat(messages.get(0)).isEqualTo("session-service answered HTTP 500");
        assertThat(messages.get(messages.size() - 1)).isEqualTo("session-service is failing; not calling it for a few seconds");
    }
}
