package dev.rendezvous.session.service;

import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.session.support.SseClient;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How long a stream lives and what a resuming client gets: the stream ends once the JWT it was opened
 * with would no longer be accepted (the test profile allows 1 s of clock skew), and a Last-Event-ID
 * the session never reached is answered with the current snapshot.
 */
@QuarkusTest
class StreamLifetimeTest {

    @TestHTTPResource("/v1/sessions")
    URI sessions;

    private URI stream(Sessions.Created s, String jwt) {
        return URI.create(sessions + "/" + s.id() + "/stream?access_token=" + jwt);
    }

    @Test
    void shouldEndAStreamWhenItsJwtStopsBeingAccepted() {
        Sessions.Created s = Sessions.create();
        String shortLived = TestJwt.user(s.customerId(), 3);
        try (SseClient customer = SseClient.open(stream(s, shortLived))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> customer.events().size() == 1);
            // Without an end at the JWT's expiry the stream went on with heartbeats for as long as the client stayed.
            await().atMost(Duration.ofSeconds(15)).until(customer::isClosedByServer);
            assertThat(customer.statuses()).containsExactly("WAITING");
        }
        given().auth().oauth2(shortLived).get("/v1/sessions/" + s.id() + "/stream")
                .then().statusCode(401);
    }

    @Test
    void shouldAnswerALastEventIdTheSessionNeverReachedWithTheSnapshot() {
        Sessions.Created s = Sessions.create();
        try (SseClient resumed = SseClient.resume(stream(s, TestJwt.user(s.customerId())), 999)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> resumed.events().size() == 1);
            assertThat(resumed.events().get(0).version()).isEqualTo(1);
            assertThat(resumed.httpStatus()).isEqualTo(200);
        }
    }
}
