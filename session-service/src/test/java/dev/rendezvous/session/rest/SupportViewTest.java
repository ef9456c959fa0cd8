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

    private static String ticket(Sessions.Created s, String jwt) {
        return given().auth().oauth2(jwt).post("/v1/sessions/" + s.id() + "/view-ticket").then().statusCode(201)
                .extract().path("ticket");
    }

    @Test
    void shouldServeThePageToWhoMayReadTheDiagnosisWithATicketInItsAddress() {
        Sessions.Created s = Sessions.create();
        given().accept("text/html").queryParam("ticket", ticket(s, TestJwt.backend()))
                .get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(containsString("<code id=\"session\">" + s.id() + "</code>"))
                .body(containsString("EventSource"));
        given().accept("text/html").queryParam("ticket", ticket(s, TestJwt.user(s.mechanicId())))
                .get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(200);

        given().accept("text/html").get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(401);
        // A stranger gets no ticket; a ticket opens its own session only.
        given().auth().oauth2(TestJwt.user("stranger-" + UUID.randomUUID())).post("/v1/sessions/" + s.id() + "/view-ticket")
                .then().statusCode(403);
        given().accept("text/html").queryParam("ticket", ticket(s, TestJwt.backend()))
                .get("/v1/sessions/" + UUID.randomUUID() + "/diagnosis").then().statusCode(403)
                .body("error", equalTo("ticket-for-another-session"));
        // A JWT in the address is never taken.
        given().accept("text/html").queryParam("access_token", TestJwt.backend())
                .get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(401);
    }

    @Test
    void shouldLetATicketReadOnlyAndOnlyWithinItsMinute() {
        Sessions.Created s = Sessions.create();
        String ticket = ticket(s, TestJwt.user(s.customerId()));
        given().queryParam("ticket", ticket).get("/v1/sessions/" + s.id()).then().statusCode(200)
                .body("sessionId", equalTo(s.id().toString()));
        given().queryParam("ticket", ticket).accept("application/json").get("/v1/sessions/" + s.id() + "/diagnosis").then()
                .statusCode(200);
        // Nothing that changes a session, whatever the path's spelling.
        given().queryParam("ticket", ticket).post("/v1/sessions/" + s.id() + "/end").then().statusCode(401);
        given().queryParam("ticket", ticket).post("/v1/sessions//" + s.id() + "/end/").then().statusCode(org.hamcrest.Matchers.oneOf(401, 404));
        given().queryParam("ticket", ticket).contentType("application/json").body("{\"video\": true, \"audio\": true}")
                .put("/v1/sessions/" + s.id() + "/reception").then().statusCode(401);
        given().queryParam("ticket", ticket).post("/v1/sessions/" + s.id() + "/reconcile").then().statusCode(401);
        // A ticket may be exchanged for a fresh one (a page that stays open); a forged one opens nothing.
        String fresh = given().queryParam("ticket", ticket).post("/v1/sessions/" + s.id() + "/view-ticket").then().statusCode(201)
                .extract().path("ticket");
        given().queryParam("ticket", fresh).get("/v1/sessions/" + s.id()).then().statusCode(200);
        String forged = ticket.substring(0, ticket.indexOf('.') + 1) + "AAAA" + ticket.substring(ticket.indexOf('.') + 5);
        given().queryParam("ticket", forged).get("/v1/sessions/" + s.id()).then().statusCode(401);
        given().get("/v1/sessions/" + s.id()).then().statusCode(401);
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
