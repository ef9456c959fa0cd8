package dev.rendezvous.session.rest;

import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.TestJwt;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A JWT is verified once and kept until its own expiry, and not a moment longer. */
@QuarkusTest
class JwtCacheTest {

    @Inject
    MeterRegistry registry;

    private double verifications(String result) {
        var counter = registry.find("rendezvous.jwt.verifications").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldVerifyAJwtOnceForAllItsRequests() {
        Sessions.Created s = Sessions.create();
        String jwt = TestJwt.user(s.customerId());
        double verified = verifications("verified");
        double kept = verifications("kept");
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(jwt).get("/v1/sessions/" + s.id()).then().statusCode(200);
        }
        assertThat(verifications("verified") - verified).isEqualTo(1);
        assertThat(verifications("kept") - kept).isEqualTo(4);
    }

    @Test
    void shouldRefuseAKeptJwtOnceItHasExpired() {
        Sessions.Created s = Sessions.create();
        String jwt = TestJwt.user(s.customerId(), 2);
        given().auth().oauth2(jwt).get("/v1/sessions/" + s.id()).then().statusCode(200);
        given().auth().oauth2(jwt).get("/v1/sessions/" + s.id()).then().statusCode(200);
        // Past its expiry and the clock skew allowed (1 s in tests): refused, though it was kept.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().auth().oauth2(jwt).get("/v1/sessions/" + s.id()).then().statusCode(401));
    }

    @Test
    void shouldNeverKeepARefusedJwt() {
        Sessions.Created s = Sessions.create();
        String forged = TestJwt.otherIssuer(s.customerId());
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(forged).get("/v1/sessions/" + s.id()).then().statusCode(401);
        }
    }
}
