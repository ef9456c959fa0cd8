package dev.rendezvous.session.rest;

import dev.rendezvous.session.support.LogCapture;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** No JWT or view ticket is ever written to the logs, one sent in a URL included, whatever the request's fate. */
@QuarkusTest
class NoSecretsInLogsTest {

    private LogCapture logs;

    @BeforeEach
    void capture() {
        logs = LogCapture.open();
    }

    @AfterEach
    void release() {
        logs.close();
    }

    @Test
    void shouldNeverLogAJwt() {
        Sessions.Created s = Sessions.create();
        String user = TestJwt.user(s.customerId());
        String stranger = TestJwt.user("somebody-else");
        String backend = TestJwt.backend();
        String forged = user.substring(0, user.lastIndexOf('.') + 1) + "forged-signature";
        // Refused streams (a stranger, a forged JWT, a bad Last-Event-ID) and the token where it is not accepted.
        given().auth().oauth2(stranger).get("/v1/sessions/" + s.id() + "/stream").then().statusCode(403);
        given().auth().oauth2(forged).get("/v1/sessions/" + s.id() + "/stream").then().statusCode(401);
        given().auth().oauth2(user).header("Last-Event-ID", "not-a-version")
                .get("/v1/sessions/" + s.id() + "/stream").then().statusCode(400);
        given().queryParam("access_token", user).get("/v1/sessions/" + s.id()).then().statusCode(401);
        // A view ticket in the URL, used and refused.
        String ticket = given().auth().oauth2(user).post("/v1/sessions/" + s.id() + "/view-ticket").then().statusCode(201)
                .extract().path("ticket");
        given().queryParam("ticket", ticket).get("/v1/sessions/" + s.id()).then().statusCode(200);
        given().queryParam("ticket", ticket).post("/v1/sessions/" + s.id() + "/end").then().statusCode(401);
        given().auth().oauth2(backend).post("/v1/sessions/" + s.id() + "/end").then().statusCode(200);
        given().auth().oauth2(user).post("/v1/sessions/" + s.id() + "/end").then().statusCode(409);

        // The access log is on (it is written once the response is): the ticket's requests are in it, without it.
        await().atMost(Duration.ofSeconds(5)).until(() -> logs.lines().stream().map(LogCapture.Line::text)
                .anyMatch(line -> line.contains("\"POST /v1/sessions/" + s.id() + "/end HTTP/1.1\" 401")));
        List<String> lines = logs.lines().stream().map(LogCapture.Line::text).toList();
        assertThat(lines).as("something was logged while the requests ran").isNotEmpty();
        for (String jwt : List.of(user, stranger, backend, forged, ticket)) {
            String signature = jwt.substring(jwt.lastIndexOf('.') + 1);
            assertThat(lines).noneMatch(line -> line.contains(signature));
        }
    }
}
