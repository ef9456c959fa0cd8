package dev.rendezvous.session.reception;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.session.support.Sql;
import dev.rendezvous.session.support.SseClient;
import dev.rendezvous.testing.Kafka;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The pages' reports of what they play of each other (PUT /v1/sessions/{id}/reception), through the real
 * database, broker and stream: seen and heard, and why not.
 */
@QuarkusTest
class ReceptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/v1/sessions")
    URI sessions;

    private static ValidatableResponse report(Sessions.Created s, String user, String body) {
        return given().auth().oauth2(TestJwt.user(user)).contentType(ContentType.JSON).body(body)
                .put("/v1/sessions/" + s.id() + "/reception").then();
    }

    /** Both in the room, each publishing camera and microphone, as presence-service would record it. */
    private static void bothInTheRoomPublishing(Sessions.Created s) {
        for (String role : List.of("customer", "mechanic")) {
            String sid = "PA_" + role;
            ParticipantEvents.send(s, ParticipantEvents.joined(s, role, sid));
            ParticipantEvents.send(s, ParticipantEvents.track(s, "rendezvous.track.published", role, sid, "TR_cam_" + role, "CAMERA"));
            ParticipantEvents.send(s, ParticipantEvents.track(s, "rendezvous.track.published", role, sid, "TR_mic_" + role, "MICROPHONE"));
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id()).then().body("mediaReady", equalTo(true)));
    }

    private static double count(String meter) {
        String metrics = given().get("/q/metrics").then().extract().asString();
        return metrics.lines().filter(l -> l.startsWith(meter + "_count"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void shouldBeSeenAndHeardOnceBothPagesPlayTheOtherAndSayWhyNotUntilThen() throws Exception {
        Sessions.Created s = Sessions.create();
        URI stream = URI.create(sessions + "/" + s.id() + "/stream?access_token=" + TestJwt.user(s.customerId()));
        try (SseClient customerPage = SseClient.open(stream)) {
            bothInTheRoomPublishing(s);
            double seenBefore = count("rendezvous_session_time_to_seen_and_heard_seconds");

            report(s, s.customerId(), "{\"video\": true, \"audio\": true}").statusCode(200)
                    .body("customer.receives.video", equalTo(true)).body("customer.receives.audio", equalTo(true))
                    .body("mechanic.receives.audio", equalTo(false)).body("seenAndHeard", equalTo(false));
            report(s, s.mechanicId(), "{\"video\": true, \"audio\": false, \"problem\": \"autoplay-blocked\"}").statusCode(200)
                    .body("mechanic.receives.video", equalTo(true)).body("mechanic.receives.audio", equalTo(false))
                    .body("seenAndHeard", equalTo(false));
            given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id() + "/diagnosis").then().statusCode(200)
                    .body("checks.find { it.check == 'mechanic-reception' }.status", equalTo("FAIL"))
                    .body("checks.find { it.check == 'mechanic-reception' }.reason", equalTo("AUTOPLAY_BLOCKED"))
                    .body("checks.find { it.check == 'customer-reception' }.reason", equalTo("SEES_AND_HEARS"))
                    .body("summary", equalTo("The mechanic's browser blocked sound: they need to click to hear the customer."))
                    .body("moments.find { it.what == 'reception' && it.role == 'mechanic' }.detail",
                            equalTo("page plays video, no sound (autoplay-blocked)"));

            long version = report(s, s.mechanicId(), "{\"video\": true, \"audio\": true}").statusCode(200)
                    .body("seenAndHeard", equalTo(true)).extract().jsonPath().getLong("version");
            await().atMost(Duration.ofSeconds(10)).until(() -> customerPage.events().stream()
                    .anyMatch(e -> e.version() == version && e.data().path("seenAndHeard").asBoolean()));
            List<ConsumerRecord<String, String>> signals = Kafka.readAll("session-signals", s.id().toString(), Duration.ofSeconds(3));
            JsonNode last = JSON.readTree(signals.get(signals.size() - 1).value());
            assertThat(last.path("version").asLong()).isEqualTo(version);
            assertThat(last.path("seenAndHeard").asBoolean()).isTrue();
            assertThat(count("rendezvous_session_time_to_seen_and_heard_seconds")).isGreaterThan(seenBefore);
            assertThat(count("rendezvous_session_time_to_media_ready_seconds")).isPositive();

            // The mechanic leaves: what either page played was of that visit.
            ParticipantEvents.send(s, ParticipantEvents.left(s, "mechanic", "PA_mechanic", "CLIENT_INITIATED"));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                    .get("/v1/sessions/" + s.id()).then().body("status", equalTo("WAITING"))
                    .body("customer.receives.video", equalTo(false)).body("mechanic.receives.audio", equalTo(false))
                    .body("seenAndHeard", equalTo(false)));
            ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_mechanic_again"));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                    .get("/v1/sessions/" + s.id()).then().body("status", equalTo("READY"))
                    .body("customer.receives.video", equalTo(false)));
        }
    }

    @Test
    void shouldShowAReportThatCameBeforeTheOthersJoinOnceTheJoinIsFolded() {
        Sessions.Created s = Sessions.create();
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_c"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id()).then().body("customer.present", equalTo(true)));
        // The page already plays the mechanic; LiveKit's join webhook has not been folded yet.
        report(s, s.customerId(), "{\"video\": true, \"audio\": true}").statusCode(200)
                .body("customer.receives.video", equalTo(false));
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_m"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id()).then().body("status", equalTo("READY"))
                .body("customer.receives.video", equalTo(true)).body("customer.receives.audio", equalTo(true)));
    }

    @Test
    void shouldRefuseABodyThatIsNotExactlyAReport() {
        Sessions.Created s = Sessions.create();
        for (String body : List.of("{}", "{\"video\": true}", "{\"video\": \"true\", \"audio\": true}",
                "{\"video\": 1, \"audio\": 0}", "{\"video\": true, \"audio\": true, \"sid\": \"PA_x\"}",
                "{\"video\": true, \"audio\": false, \"problem\": \"muted\"}", "{\"video\": true, \"audio\": false, \"problem\": 3}",
                "[true, true]", "true", "null")) {
            report(s, s.customerId(), body).statusCode(400).body("error", equalTo("bad-reception"))
                    .body("message", notNullValue()).body(not(containsString("Exception")));
        }
        report(s, s.customerId(), "{\"video\": tru").statusCode(400).body("error", equalTo("unreadable-body"));
        given().auth().oauth2(TestJwt.user(s.customerId())).contentType(ContentType.JSON)
                .put("/v1/sessions/" + s.id() + "/reception").then().statusCode(400);
        // Nothing of it was folded.
        assertThat(Sql.count("SELECT count(*) FROM session_timeline WHERE session_id = '" + s.id()
                + "' AND type = 'rendezvous.reception.reported'")).isZero();
    }

    @Test
    void shouldLetOnlyTheRosterReportAndOnlyWhileTheSessionIsOpen() {
        Sessions.Created s = Sessions.create();
        String body = "{\"video\": true, \"audio\": true}";
        given().contentType(ContentType.JSON).body(body).put("/v1/sessions/" + s.id() + "/reception").then().statusCode(401);
        report(s, "stranger-" + UUID.randomUUID(), body).statusCode(403).body("error", equalTo("not-on-roster"));
        given().auth().oauth2(TestJwt.backend()).contentType(ContentType.JSON).body(body)
                .put("/v1/sessions/" + s.id() + "/reception").then().statusCode(403);
        // A JWT is never taken from a URL.
        given().queryParam("access_token", TestJwt.user(s.customerId())).contentType(ContentType.JSON).body(body)
                .put("/v1/sessions/" + s.id() + "/reception").then().statusCode(401);
        given().auth().oauth2(TestJwt.user(s.customerId())).contentType(ContentType.JSON).body(body)
                .put("/v1/sessions/" + UUID.randomUUID() + "/reception").then().statusCode(404);
        given().auth().oauth2(TestJwt.user(s.customerId())).contentType(ContentType.JSON).body(body)
                .put("/v1/sessions/not-a-uuid/reception").then().statusCode(400).body("error", equalTo("bad-session-id"));
        given().auth().oauth2(TestJwt.backend()).post("/v1/sessions/" + s.id() + "/end").then().statusCode(200);
        report(s, s.mechanicId(), body).statusCode(409).body("error", equalTo("session-ended"));
    }

    @Test
    void shouldWriteNothingForARepeatedReportAndRefuseAFlood() {
        Sessions.Created s = Sessions.create();
        String playing = "{\"video\": true, \"audio\": true}";
        for (int i = 0; i < 3; i++) {
            report(s, s.customerId(), playing).statusCode(200);
        }
        String reports = "SELECT count(*) FROM session_timeline WHERE session_id = '" + s.id()
                + "' AND type = 'rendezvous.reception.reported'";
        assertThat(Sql.count(reports)).isEqualTo(1);

        // A page in a loop that flips its report: refused beyond the allowance, with when to retry.
        int refused = 0;
        for (int i = 0; i < 40 && refused == 0; i++) {
            int status = report(s, s.customerId(), i % 2 == 0 ? "{\"video\": false, \"audio\": true}" : playing)
                    .extract().statusCode();
            if (status == 429) {
                refused++;
                report(s, s.customerId(), playing).statusCode(429).header("Retry-After", notNullValue())
                        .body("error", equalTo("too-many-reports"));
            } else {
                assertThat(status).isEqualTo(200);
            }
        }
        assertThat(refused).as("a flood is refused").isPositive();
        assertThat(Sql.count(reports)).isLessThanOrEqualTo(21);
        // The other role's allowance is its own.
        report(s, s.mechanicId(), playing).statusCode(200);
    }
}
