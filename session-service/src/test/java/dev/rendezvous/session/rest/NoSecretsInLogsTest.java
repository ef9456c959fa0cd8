package dev.rendezvous.session.rest;

import dev.rendezvous.session.support.LogCapture;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** No JWT is ever written to the logs, the {@code ?access_token=} of a stream included, whatever the request's fate. */
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
        given().queryParam("access_token", stranger).get("/v1/sessions/" + s.id() + "/stream").then().statusCode(403);
        given().queryParam("access_token", forged).get("/v1/sessions/" + s.id() + "/stream").then().statusCode(401);
        given().queryParam("access_token", user).header("Last-Event-ID", "not-a-version")
                .get("/v1/sessions/" + s.id() + "/stream").then().statusCode(400);
        given().queryParam("access_token", user).get("/v1/sessions/" + s.id()).then().statusCode(401);
        given().auth().oauth2(backend).post("/v1/sessions/" + s.id() + "/end").then().statusCode(200);
        given().auth().oauth2(user).post("/v1/sessions/" + s.id() + "/end").then().statusCode(409);

        List<String> lines = logs.lines().stream().map(LogCapture.Line::text).toList();
        assertThat(lines).as("something was logged while the requests ran").isNotEmpty();
        for (String jwt : List.of(user, stranger, backend, forged)) {
            String signature = jwt.substring(jwt.lastIndexOf('.') + 1);
            assertThat(lines).noneMatch(line -> line.contains(signature));
        }
    }
}
