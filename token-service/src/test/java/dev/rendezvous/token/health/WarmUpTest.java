package dev.rendezvous.token.health;

import dev.rendezvous.token.support.StubSessionService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/**
 * A replica rehearses the mint before readiness turns UP, and nothing of it leaves the process: no token
 * counted as minted (no token-event announced), no room asked of LiveKit, while its own HTTP calls were answered.
 */
@QuarkusTest
@TestProfile(WarmUpTest.Warming.class)
@QuarkusTestResource(StubSessionService.class)
class WarmUpTest {

    public static class Warming implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rendezvous.warmup.time", "PT4S");
        }
    }

    @Inject
    MeterRegistry registry;

    @Test
    void shouldReportReadyOnlyOnceWarmAndLeaveNoTrace() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'warm-up' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'warm-up' }.data.mintsRehearsed", greaterThan(0))
                .body("checks.find { it.name == 'warm-up' }.data.callsAnswered", greaterThan(0)));
        double minted = registry.find("rendezvous.tokens.minted").counters().stream().mapToDouble(c -> c.count()).sum();
        assertThat(minted).isZero();
        assertThat(registry.counter("rendezvous.livekit.calls", "call", "create_room").count()).isZero();
    }
}
