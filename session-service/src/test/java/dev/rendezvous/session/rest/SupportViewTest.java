package dev.rendezvous.session.rest;

import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

/** The support view: the diagnosis as a page, with the same authorization as the JSON. */
@QuarkusTest
class SupportViewTest {

    @Test
    void shouldServeThePageToWhoMayReadTheDiagnosisWithTheTokenInItsAddress() {
        Sessions.Created s = Sessions.create();
        given().accept("text/html").queryParam("access_token", TestJwt.backend())
                .get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(containsString("<code id=\"session\">" + s.id() + "</code>"))
                .body(containsString("EventSource"));
        given().accept("text/html").queryParam("access_token", TestJwt.user(s.mechanicId()))
                .get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(200);

        given().accept("text/html").get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(401);
        given().accept("text/html").queryParam("access_token", TestJwt.user("stranger-" + UUID.randomUUID()))
                .get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(403);
        given().accept("text/html").queryParam("access_token", TestJwt.backend())
                .get("/v1/sessions/" + UUID.randomUUID() + "/diagnosis").then().statusCode(404);
    }

    @Test
    void shouldKeepTheJsonForClientsAndRefuseItATokenInTheQuery() {
        Sessions.Created s = Sessions.create();
        given().accept("application/json").queryParam("access_token", TestJwt.backend())
                .get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(401);
        // A client that accepts anything gets the JSON, as before there was a page.
        given().accept("*/*").auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id() + "/diagnosis").then()
                .statusCode(200).contentType(startsWith("application/json")).body("sessionId", equalTo(s.id().toString()));
    }

    @Test
    void shouldGiveThePageEachRolesMomentsOnItsLane() {
        Sessions.Created s = Sessions.create();
        ParticipantEvents.tokenIssued(s, "customer");
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_c"));
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_m"));
        ParticipantEvents.send(s, ParticipantEvents.left(s, "mechanic", "PA_m", "CLIENT_INITIATED"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(200)
                .body("moments.findAll { it.role == 'customer' }.what", hasItems("token", "joined"))
                .body("moments.findAll { it.role == 'mechanic' }.what", hasItems("joined", "left")));
    }
}
