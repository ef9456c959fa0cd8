package dev.rendezvous.session.rest;

import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.session.support.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class SessionResourceTest {

    @Test
    void shouldCreateSessionForBackend() {
        given().auth().oauth2(TestJwt.backend()).contentType(ContentType.JSON)
                .body(Map.of("customerId", "c-1", "mechanicId", "m-1"))
                .post("/v1/sessions")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("status", equalTo("WAITING"))
                .body("version", equalTo(1))
                .body("customer.userId", equalTo("c-1"))
                .body("customer.present", equalTo(false))
                .body("mechanic.userId", equalTo("m-1"));
    }

    @Test
    void shouldAnswerLocationThatReadsTheSession() {
        String location = given().auth().oauth2(TestJwt.backend()).contentType(ContentType.JSON)
                .body(Map.of("customerId", "c-2", "mechanicId", "m-2"))
                .post("/v1/sessions").then().statusCode(201).extract().header("Location");
        given().auth().oauth2(TestJwt.user("c-2")).get(location)
                .then().statusCode(200).body("customer.userId", equalTo("c-2"));
    }

    @Test
    void shouldNotLetUsersCreateSessions() {
        given().auth().oauth2(TestJwt.user("c-1")).contentType(ContentType.JSON)
                .body(Map.of("customerId", "c-1", "mechanicId", "m-1"))
                .post("/v1/sessions")
                .then().statusCode(403).body("error", equalTo("forbidden"));
    }

    @Test
    void shouldRejectMissingOrBadUserIds() {
        given().auth().oauth2(TestJwt.backend()).contentType(ContentType.JSON)
                .body(Map.of("customerId", "c 1 with spaces", "mechanicId", "m-1"))
                .post("/v1/sessions")
                .then().statusCode(400).body("error", equalTo("bad-user-id"));
        given().auth().oauth2(TestJwt.backend()).contentType(ContentType.JSON)
                .body("{\"customerId\": ")
                .post("/v1/sessions")
                .then().statusCode(400).body("error", notNullValue());
    }

    @Test
    void shouldRequireAuthentication() {
        given().get("/v1/sessions/" + UUID.randomUUID())
                .then().statusCode(401).body("error", equalTo("unauthorized"));
        given().auth().oauth2("not-a-jwt").get("/v1/sessions/" + UUID.randomUUID())
                .then().statusCode(401).body("error", equalTo("unauthorized"));
    }

    @Test
    void shouldAnswerBadIdUnknownAndForeignSessions() {
        Sessions.Created session = Sessions.create();
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/not-a-uuid")
                .then().statusCode(400).body("error", equalTo("bad-session-id"));
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + UUID.randomUUID())
                .then().statusCode(404).body("error", equalTo("not-found"));
        given().auth().oauth2(TestJwt.user("somebody-else")).get("/v1/sessions/" + session.id())
                .then().statusCode(403).body("error", equalTo("forbidden"));
        given().auth().oauth2(TestJwt.user(session.mechanicId())).get("/v1/sessions/" + session.id())
                .then().statusCode(200).body("sessionId", equalTo(session.id().toString()));
    }

    @Test
    void shouldEndOnceAndThenConflict() {
        Sessions.Created session = Sessions.create();
        given().auth().oauth2(TestJwt.user(session.customerId())).post("/v1/sessions/" + session.id() + "/end")
                .then().statusCode(200)
                .body("status", equalTo("ENDED"))
                .body("endReason", equalTo("ended-by-customer"))
                .body("version", equalTo(2));
        given().auth().oauth2(TestJwt.user(session.mechanicId())).post("/v1/sessions/" + session.id() + "/end")
                .then().statusCode(409).body("error", equalTo("session-ended"));
        given().auth().oauth2(TestJwt.user("somebody-else")).post("/v1/sessions/" + session.id() + "/end")
                .then().statusCode(403);
    }

    @Test
    void shouldServeHealthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/v1/sessions"));
    }
}
