package dev.rendezvous.token.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Minting is a local signature: LiveKit away degrades token-service's readiness but does not fail it. */
@QuarkusTest
@TestProfile(LiveKitDownTest.NoLiveKit.class)
class LiveKitDownTest {

    public static class NoLiveKit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Nothing listens on port 9 (discard) here: connections are refused at once.
            return Map.of("livekit.url", "ws://127.0.0.1:9", "rendezvous.roster.follow-signals", "false");
        }
    }

    @Test
    void shouldStayReadyAndSayLiveKitIsUnreachable() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'livekit' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'livekit' }.data.reachable", equalTo(false));
    }
}
