package dev.rendezvous.session.messaging;

import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.session.support.SseClient;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica's own streams hear of a change from the commit, not only back through session-signals:
 * here the signals go to a topic nobody reads, as if session-signals were away, and the pages stay right.
 */
@QuarkusTest
@TestProfile(LocalStreamsTest.SignalsElsewhere.class)
class LocalStreamsTest {

    public static class SignalsElsewhere implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.session-signals.topic", "session-signals-nobody-reads");
        }
    }

    @TestHTTPResource("/v1/sessions")
    URI sessions;

    @Test
    void shouldTellThisReplicasPagesOfEveryChangeWithoutTheSignalsTopic() {
        Sessions.Created s = Sessions.create();
        try (SseClient customer = SseClient.open(URI.create(sessions + "/" + s.id() + "/stream?access_token="
                + TestJwt.user(s.customerId())))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> customer.events().size() == 1);
            ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_c"));
            await().atMost(Duration.ofSeconds(15)).until(() -> customer.events().size() == 2);
            given().auth().oauth2(TestJwt.backend()).post("/v1/sessions/" + s.id() + "/end").then().statusCode(200);
            await().atMost(Duration.ofSeconds(15)).until(customer::isClosedByServer);
            assertThat(customer.statuses()).containsExactly("WAITING", "WAITING", "ENDED");
        }
    }
}
