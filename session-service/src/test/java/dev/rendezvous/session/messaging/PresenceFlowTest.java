package dev.rendezvous.session.messaging;

import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.session.support.Sql;
import dev.rendezvous.session.support.SseClient;
import dev.rendezvous.testing.Kafka;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** participant-events from the real broker, folded into PostgreSQL, out to SSE clients and session-signals. */
@QuarkusTest
class PresenceFlowTest {

    @TestHTTPResource("/v1/sessions")
    URI sessions;

    private URI stream(Sessions.Created s, String user) {
        return URI.create(sessions + "/" + s.id() + "/stream?access_token=" + TestJwt.user(user));
    }

    private static double readinessLatencies() {
        String metrics = given().get("/q/metrics").then().extract().asString();
        return metrics.lines().filter(l -> l.startsWith("rendezvous_readiness_latency_seconds_count"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static void awaitStatus(Sessions.Created s, String status) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id()).then().statusCode(200).body("status", equalTo(status)));
    }

    @Test
    void shouldTellBothPagesReadyWhenTheSecondJoinsAndEndedWhenItEnds() {
        Sessions.Created s = Sessions.create();
        try (SseClient customer = SseClient.open(stream(s, s.customerId()));
             SseClient mechanic = SseClient.open(stream(s, s.mechanicId()))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> customer.events().size() == 1 && mechanic.events().size() == 1);
            assertThat(customer.statuses()).containsExactly("WAITING");

            ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_cust"));
            await().atMost(Duration.ofSeconds(15)).until(() -> customer.events().size() == 2);
            assertThat(customer.events().get(1).data().path("customer").path("present").asBoolean()).isTrue();

            ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_mech"));
            await().atMost(Duration.ofSeconds(15)).until(() -> customer.statuses().contains("READY")
                    && mechanic.statuses().contains("READY"));
            // The join's receipt to READY on session-signals is a histogram an operator gets a p99 from.
            await().atMost(Duration.ofSeconds(10)).until(() -> readinessLatencies() > 0);

            given().auth().oauth2(TestJwt.user(s.mechanicId())).post("/v1/sessions/" + s.id() + "/end")
                    .then().statusCode(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> customer.isClosedByServer() && mechanic.isClosedByServer());
            assertThat(customer.statuses()).containsExactly("WAITING", "WAITING", "READY", "ENDED");
            assertThat(mechanic.statuses()).containsExactly("WAITING", "WAITING", "READY", "ENDED");
            assertThat(customer.events()).extracting(SseClient.Event::id).containsExactly("1", "2", "3", "4");
        }
        // An EventSource reconnects after the stream closes; having seen ENDED, it is told to stop.
        given().header("Last-Event-ID", "4").auth().oauth2(TestJwt.user(s.customerId()))
                .get("/v1/sessions/" + s.id() + "/stream").then().statusCode(204);
        // The fold's latency is a histogram, so a p99 can be computed from the scrape.
        given().get("/q/metrics").then().body(containsString("rendezvous_fold_latency_seconds_bucket{"));
    }

    @Test
    void shouldTellThePagesWhatEachRolePublishesAndWhenTheSessionIsMediaReady() {
        Sessions.Created s = Sessions.create();
        try (SseClient customer = SseClient.open(stream(s, s.customerId()))) {
            ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_c"));
            ParticipantEvents.send(s, ParticipantEvents.track(s, "rendezvous.track.published", "customer", "PA_c", "TR_c_cam", "CAMERA"));
            ParticipantEvents.send(s, ParticipantEvents.track(s, "rendezvous.track.published", "customer", "PA_c", "TR_c_mic", "MICROPHONE"));
            // The mechanic's microphone arrives before their join: it waits for it.
            ParticipantEvents.send(s, ParticipantEvents.track(s, "rendezvous.track.published", "mechanic", "PA_m", "TR_m_mic", "MICROPHONE"));
            ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_m"));
            awaitStatus(s, "READY");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                    .get("/v1/sessions/" + s.id()).then().body("mechanic.media.microphone", equalTo(true))
                    .body("customer.media.camera", equalTo(true)).body("customer.media.microphone", equalTo(true)));
            given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id()).then()
                    .body("mechanic.media.camera", equalTo(false)).body("mediaReady", equalTo(false));
            given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id() + "/diagnosis").then()
                    .body("checks.find { it.check == 'mechanic-media' }.status", equalTo("WARN"))
                    .body("summary", containsString("has published no camera"));

            ParticipantEvents.send(s, ParticipantEvents.track(s, "rendezvous.track.published", "mechanic", "PA_m", "TR_m_cam", "CAMERA"));
            await().atMost(Duration.ofSeconds(15)).until(() -> customer.events().stream()
                    .anyMatch(e -> e.data().path("mediaReady").asBoolean()));
            SseClient.Event seenAndHeard = customer.events().stream().filter(e -> e.data().path("mediaReady").asBoolean())
                    .findFirst().orElseThrow();
            assertThat(seenAndHeard.data().path("status").asText()).isEqualTo("READY");
            assertThat(seenAndHeard.data().path("mechanic").path("media").path("camera").asBoolean()).isTrue();
            // Every media change was its own version, each published once and in order.
            assertThat(customer.events()).extracting(SseClient.Event::id).doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldPublishOneReadySignalPerRealTransitionDespiteDuplicatesReorderingAndASecondTab() {
        Sessions.Created s = Sessions.create();
        String customerJoin = ParticipantEvents.joined(s, "customer", "PA_c");
        ParticipantEvents.send(s, customerJoin);
        ParticipantEvents.send(s, customerJoin); // LiveKit delivered the webhook twice
        // The mechanic's leave of an old sid overtakes its join: that sid must never count.
        ParticipantEvents.send(s, ParticipantEvents.left(s, "mechanic", "PA_m_old", "CLIENT_INITIATED"));
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_m_old"));
        awaitStatus(s, "WAITING");
        // The mechanic joins for real, then opens a second tab; LiveKit kicks the first as a duplicate identity.
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_m_tab1"));
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_m_tab2"));
        ParticipantEvents.send(s, ParticipantEvents.left(s, "mechanic", "PA_m_tab1", "DUPLICATE_IDENTITY"));
        awaitStatus(s, "READY");

        List<ConsumerRecord<String, String>> signals = Kafka.readAll("session-signals", s.id().toString(), Duration.ofSeconds(4));
        assertThat(signals).extracting(r -> Kafka.header(r, "ce_type")).containsExactly(
                "rendezvous.session.created", "rendezvous.session.waiting", "rendezvous.session.ready");
        assertThat(signals).extracting(r -> Kafka.header(r, "ce_id"))
                .containsExactly(s.id() + ":1", s.id() + ":2", s.id() + ":3");
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id()).then()
                .body("version", equalTo(3))
                .body("mechanic.present", equalTo(true))
                .body("mechanic.identity", equalTo("mechanic-" + s.mechanicId()));
    }

    @Test
    void shouldResumeAStreamWithoutGaps() {
        Sessions.Created s = Sessions.create();
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_c"));
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_m"));
        awaitStatus(s, "READY");
        // The client saw version 1 only, then lost its connection; the resumed stream replays 2 and 3.
        try (SseClient resumed = SseClient.resume(stream(s, s.customerId()), 1)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> resumed.events().size() == 2);
            ParticipantEvents.send(s, ParticipantEvents.left(s, "mechanic", "PA_m", "CLIENT_INITIATED"));
            await().atMost(Duration.ofSeconds(15)).until(() -> resumed.events().size() == 3);
            assertThat(resumed.events()).extracting(SseClient.Event::version).containsExactly(2L, 3L, 4L);
            assertThat(resumed.statuses()).containsExactly("WAITING", "READY", "WAITING");
        }
    }

    @Test
    void shouldResumeWithTheCurrentSnapshotWhenTheMissedSignalsWereRetainedAway() {
        Sessions.Created s = Sessions.create();
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_c"));
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_m"));
        awaitStatus(s, "READY");
        await().atMost(Duration.ofSeconds(15)).until(() -> Sql.count("SELECT count(*) FROM signal_outbox WHERE session_id = '"
                + s.id() + "' AND published_at IS NULL") == 0);
        // Retention removed the signals above the client's last version; the session is at version 3.
        Sql.execute("DELETE FROM signal_outbox WHERE session_id = '" + s.id() + "'");
        try (SseClient resumed = SseClient.resume(stream(s, s.customerId()), 1)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> resumed.events().size() == 1);
            assertThat(resumed.events()).extracting(SseClient.Event::version).containsExactly(3L);
            assertThat(resumed.statuses()).containsExactly("READY");
        }
    }

    @Test
    void shouldNameEachEventForItsStatusWhenAsked() throws Exception {
        Sessions.Created s = Sessions.create();
        URI named = URI.create(sessions + "/" + s.id() + "/stream?events=named");
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> read = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(named)
                        .header("Authorization", "Bearer " + TestJwt.user(s.customerId())).build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body().forEach(lines::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith("data:")));
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_c"));
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_m"));
        awaitStatus(s, "READY");
        given().auth().oauth2(TestJwt.backend()).post("/v1/sessions/" + s.id() + "/end").then().statusCode(200);
        read.get(15, TimeUnit.SECONDS); // the stream closes after ENDED

        List<String> names = lines.stream().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).trim()).toList();
        List<String> statuses = lines.stream().filter(l -> l.startsWith("data:"))
                .map(l -> l.replaceAll(".*\"status\":\"([A-Z]+)\".*", "$1").toLowerCase(Locale.ROOT)).toList();
        assertThat(names).isEqualTo(statuses).contains("ready").endsWith("ended");
        given().auth().oauth2(TestJwt.user(s.customerId())).queryParam("events", "all")
                .get("/v1/sessions/" + s.id() + "/stream").then().statusCode(400).body("error", equalTo("bad-events"));
    }

    @Test
    void shouldSendHeartbeatsOnAnIdleStream() {
        Sessions.Created s = Sessions.create();
        try (SseClient client = SseClient.open(stream(s, s.customerId()))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> client.comments().size() >= 2);
            assertThat(client.events()).hasSize(1);
        }
    }

    @Test
    void shouldRefuseAStreamToSomeoneNotOnTheRoster() {
        Sessions.Created s = Sessions.create();
        given().auth().oauth2(TestJwt.user("stranger"))
                .get("/v1/sessions/" + s.id() + "/stream").then().statusCode(403).body("error", equalTo("not-on-roster"));
        given().get("/v1/sessions/" + s.id() + "/stream").then().statusCode(401);
    }

    @Test
    void shouldKeepTheSessionOpenWhenTheRoomFinishes() {
        Sessions.Created s = Sessions.create();
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_c"));
        ParticipantEvents.send(s, ParticipantEvents.record(s, "rendezvous.room.finished", "customer", null, null));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id()).then().body("version", equalTo(3)));
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id()).then()
                .body("status", equalTo("WAITING"))
                .body("endReason", equalTo(null))
                .body("customer.present", equalTo(false))
                .body("customer.identity", equalTo("customer-" + s.customerId()));
    }
}
