package dev.rendezvous.session.support;

import dev.rendezvous.testing.TestJwt;
import io.restassured.http.ContentType;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Creates sessions through the real API, as a backend would. */
public final class Sessions {

    private Sessions() {
    }

    /** A new session with fresh user ids; returns {sessionId, customerId, mechanicId}. */
    public static Created create() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customer = "cust-" + suffix;
        String mechanic = "mech-" + suffix;
        String id = given().auth().oauth2(TestJwt.backend()).contentType(ContentType.JSON)
                .body(Map.of("customerId", customer, "mechanicId", mechanic))
                .post("/v1/sessions")
                .then().statusCode(201)
                .extract().path("sessionId");
        return new Created(UUID.fromString(id), customer, mechanic);
    }

    public record Created(UUID id, String customerId, String mechanicId) {
        public String room() {
            return "session-" + id;
        }
    }
}
