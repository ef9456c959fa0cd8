package dev.rendezvous.session.service;

import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.session.support.SseClient;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A user holds a bounded number of streams at once; a closed one makes room for the next. */
@QuarkusTest
class StreamBoundsTest {

    @TestHTTPResource("/v1/sessions")
    URL sessions;

    @Test
    void shouldRefuseAUsersStreamBeyondTheirAllowanceUntilOneCloses() {
        Sessions.Created s = Sessions.create();
        String jwt = TestJwt.user(s.customerId());
        URI uri = URI.create(sessions + "/" + s.id() + "/stream?access_token=" + jwt);
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                SseClient client = SseClient.open(uri);
                open.add(client);
                await().atMost(Duration.ofSeconds(10)).until(() -> !client.events().isEmpty());
            }
            given().auth().oauth2(jwt).get("/v1/sessions/" + s.id() + "/stream").then().statusCode(429)
                    .body("error", equalTo("too-many-streams"));
            // The mechanic is counted apart.
            try (SseClient mechanic = SseClient.open(URI.create(sessions + "/" + s.id() + "/stream?access_token="
                    + TestJwt.user(s.mechanicId())))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !mechanic.events().isEmpty());
            }
            open.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (SseClient again = SseClient.open(uri)) {
                    await().atMost(Duration.ofSeconds(3)).until(() -> !again.events().isEmpty());
                }
            });
        } finally {
            open.forEach(SseClient::close);
        }
        assertThat(open).hasSize(19);
    }
}
