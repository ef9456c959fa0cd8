package dev.rendezvous.session.health;

import dev.rendezvous.session.support.LogCapture;
import dev.rendezvous.session.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A replica warms its hot paths before readiness turns UP: the warm-up check is part of readiness and
 * turns UP once the warm-up has run its time (real JWT verification, JSON, the fold, database reads, the
 * write path rolled back, its own HTTP API): none of what it wrote is left in the database, and its token
 * is taken by nobody once it is done.
 */
@QuarkusTest
@TestProfile(WarmUpTest.Warming.class)
class WarmUpTest {

    public static class Warming implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rendezvous.warmup.time", "PT6S");
        }
    }

    @Test
    void shouldReportReadyOnlyOnceWarm() {
        try (LogCapture log = LogCapture.open()) {
            // The warm-up runs for 6 s from the start: it is DOWN until then, and says how it went.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'warm-up' }.status", equalTo("UP")));
            await().atMost(Duration.ofSeconds(10)).until(() -> log.lines().stream().anyMatch(l -> l.text().startsWith("Warmed up in")
                    || l.text().startsWith("Warm-up stopped")));
            assertThat(log.lines()).extracting(LogCapture.Line::text).noneMatch(t -> t.startsWith("Warm-up stopped"))
                    .anyMatch(t -> t.matches("Warmed up in \\d+ ms \\([1-9]\\d* rounds, [1-9]\\d* writes rehearsed, [1-9]\\d* HTTP calls\\).*"));
        }
        assertThat(Sql.count("SELECT count(*) FROM session_members WHERE user_id LIKE 'warm-up-%'")).isZero();
        assertThat(Sql.count("SELECT count(*) FROM processed_events WHERE event_id LIKE 'warm-up:%'")).isZero();
        assertThat(Sql.count("SELECT count(*) FROM session_timeline WHERE event_id LIKE 'warm-up:%'")).isZero();
        assertThat(Sql.count("SELECT count(*) FROM session_timeline WHERE user_id = 'warm-up'")).isZero();
    }
}
