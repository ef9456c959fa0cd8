package dev.rendezvous.session.lifecycle;

import dev.rendezvous.session.client.LiveKitRooms;
import dev.rendezvous.session.reconcile.DeadlineWatch;
import dev.rendezvous.session.service.Partitions;
import dev.rendezvous.session.support.LiveKitParticipant;
import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.session.support.Sql;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.ChannelRegistry;
import jakarta.inject.Inject;
import livekit.LivekitModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A session ends when people or time end it, against the real broker, PostgreSQL and LiveKit: an emptied
 * room does not end it; time does only when LiveKit lists nobody and every event already on the
 * session's partition has been folded; a wait turns overdue without anyone polling.
 */
@QuarkusTest
class LifecycleTest {

    @Inject
    DeadlineWatch deadlines;

    @Inject
    Partitions partitions;

    @Inject
    ChannelRegistry channels;

    @Inject
    LiveKitRooms rooms;

    @BeforeEach
    void ownThePartitions() {
        await().atMost(Duration.ofSeconds(30)).until(partitions::ownsAny);
    }

    /** A session whose customer joined two hours ago and left a minute later; nobody has come since. */
    private static Sessions.Created customerCameAndLeftTwoHoursAgo() {
        Sessions.Created s = Sessions.create();
        Instant hoursAgo = Instant.now().minus(Duration.ofHours(2));
        ParticipantEvents.send(s, ParticipantEvents.record(s, "rendezvous.participant.joined", "customer", "PA_c", null, hoursAgo));
        ParticipantEvents.send(s, ParticipantEvents.record(s, "rendezvous.participant.left", "customer", "PA_c", "CLIENT_INITIATED",
                hoursAgo.plusSeconds(60)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(snapshot(s).getInt("version")).isEqualTo(3));
        return s;
    }

    private static JsonPath snapshot(Sessions.Created s) {
        return given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id()).then().statusCode(200).extract().jsonPath();
    }

    private void checkDeadlines() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> deadlines.checkNow());
    }

    /** The session's clocks as if it had been created, and emptied, {@code ago} back. */
    private static void age(Sessions.Created s, Duration ago) {
        Sql.execute("UPDATE sessions SET created_at = now() - make_interval(secs => " + ago.toSeconds() + "), "
                + "empty_since = CASE WHEN empty_since IS NULL THEN NULL ELSE now() - make_interval(secs => " + ago.toSeconds()
                + ") END WHERE id = '" + s.id() + "'");
    }

    @Test
    void shouldCountTheJoinsAfterLiveKitFinishedTheEmptyRoom() {
        Sessions.Created s = Sessions.create();
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_c1"));
        ParticipantEvents.send(s, ParticipantEvents.left(s, "customer", "PA_c1", "CLIENT_INITIATED"));
        ParticipantEvents.send(s, ParticipantEvents.record(s, "rendezvous.room.finished", null, null, null));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id()).then().body("version", equalTo(3)));
        assertThat(snapshot(s).getString("status")).isEqualTo("WAITING");
        // The customer comes back, the mechanic arrives: LiveKit opened the room again.
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_c2"));
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_m"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id()).then().body("status", equalTo("READY")));
        given().auth().oauth2(TestJwt.user(s.mechanicId())).post("/v1/sessions/" + s.id() + "/end").then().statusCode(200);
    }

    @Test
    void shouldNotExpireASessionWhoseJoinSitsUnfoldedOnItsPartition() throws Throwable {
        Sessions.Created s = Sessions.create();
        age(s, Duration.ofHours(3));
        var fold = channels.getPausable("participant-events");
        fold.pause();
        try {
            // The join is on the topic; the fold has not seen it when the deadline is checked.
            ParticipantEvents.send(s, ParticipantEvents.joined(s, "customer", "PA_c"));
            checkDeadlines();
        } finally {
            fold.resume();
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(Sql.count(
                "SELECT count(*) FROM session_timeline WHERE session_id = '" + s.id() + "' AND type = 'rendezvous.session.deadline'"))
                .isEqualTo(1));
        JsonPath after = snapshot(s);
        assertThat(after.getString("status")).isEqualTo("WAITING");
        assertThat(after.getBoolean("customer.present")).isTrue();
        assertThat(Sql.text("SELECT outcome FROM session_timeline WHERE session_id = '" + s.id()
                + "' AND type = 'rendezvous.session.deadline'")).isEqualTo("ignored:not-due");
    }

    @Test
    void shouldExpireASessionNobodyJoinedOnceItsNoShowDeadlinePassed() throws Throwable {
        Sessions.Created s = Sessions.create();
        age(s, Duration.ofHours(3));
        checkDeadlines();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(snapshot(s).getString("status")).isEqualTo("ENDED"));
        JsonPath ended = snapshot(s);
        assertThat(ended.getString("endReason")).isEqualTo("expired");
        assertThat(ended.getString("customer.identity")).isNull();
        assertThat(ended.getString("mechanic.identity")).isNull();
    }

    @Test
    void shouldAbandonAJoinedSessionLiveKitListsNobodyInPastTheIdleTimeout() throws Throwable {
        Sessions.Created s = customerCameAndLeftTwoHoursAgo();
        checkDeadlines();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(snapshot(s).getString("status")).isEqualTo("ENDED"));
        JsonPath ended = snapshot(s);
        assertThat(ended.getString("endReason")).isEqualTo("abandoned");
        assertThat(ended.getString("waiting.for")).as("the final snapshot says who never came").isEqualTo("mechanic");
        assertThat(ended.getBoolean("waiting.overdue")).isTrue();
    }

    /** An AI agent left behind in the room (a real LiveKit participant of kind AGENT) keeps nobody's session open. */
    @Test
    void shouldEndASessionOnTimeThoughAnAgentStayedInItsRoom() throws Throwable {
        Sessions.Created s = customerCameAndLeftTwoHoursAgo();
        LiveKitParticipant.openRoom(s.room());
        try (LiveKitParticipant agent = LiveKitParticipant.connect(LiveKitParticipant.token(s.room(), "agent-AJ_left_behind",
                "{\"role\":\"customer\",\"sessionId\":\"" + s.id() + "\",\"userId\":\"" + s.customerId() + "\"}", "agent"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                var listed = rooms.listParticipants(s.room()).await().atMost(Duration.ofSeconds(5));
                return listed != null && listed.stream().anyMatch(p -> p.getKind() == LivekitModels.ParticipantInfo.Kind.AGENT);
            });
            checkDeadlines();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(snapshot(s).getString("status")).isEqualTo("ENDED"));
            assertThat(snapshot(s).getString("endReason")).isEqualTo("abandoned");
        }
    }

    @Test
    void shouldRepairNotEndASessionPastItsIdleTimeoutWhileLiveKitListsSomeoneInItsRoom() throws Throwable {
        Sessions.Created s = customerCameAndLeftTwoHoursAgo();
        // The customer is back in the room, but their join webhook was lost: LiveKit lists them, the fold does not.
        try (LiveKitParticipant customer = LiveKitParticipant.join(s.room(), "customer-" + s.customerId(),
                "{\"role\":\"customer\",\"sessionId\":\"" + s.id() + "\",\"userId\":\"" + s.customerId() + "\"}")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                var listed = rooms.listParticipants(s.room()).await().atMost(Duration.ofSeconds(5));
                return listed != null && !listed.isEmpty();
            });
            checkDeadlines();
            Thread.sleep(2000); // anything it sent would be folded by now
            assertThat(snapshot(s).getString("status")).as("not ended while someone is in the room").isEqualTo("WAITING");
            assertThat(Sql.count("SELECT count(*) FROM session_timeline WHERE session_id = '" + s.id()
                    + "' AND type = 'rendezvous.session.deadline'")).isZero();
        }
        given().auth().oauth2(TestJwt.backend()).post("/v1/sessions/" + s.id() + "/end").then().statusCode(200);
    }

    @Test
    void shouldTurnAWaitOverdueAndClearItWhenTheOtherArrives() throws Throwable {
        Sessions.Created s = Sessions.create();
        Instant minutesAgo = Instant.now().minus(Duration.ofMinutes(3));
        ParticipantEvents.send(s, ParticipantEvents.record(s, "rendezvous.participant.joined", "customer", "PA_c", null, minutesAgo));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(snapshot(s).getInt("version")).isEqualTo(2));
        JsonPath waiting = snapshot(s);
        assertThat(waiting.getString("waiting.for")).isEqualTo("mechanic");
        assertThat(waiting.getBoolean("waiting.overdue")).isFalse();
        checkDeadlines();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(snapshot(s).getBoolean("waiting.overdue")).isTrue());
        assertThat(snapshot(s).getInt("version")).as("overdue is a change like any other").isEqualTo(3);
        ParticipantEvents.send(s, ParticipantEvents.joined(s, "mechanic", "PA_m"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(snapshot(s).getString("status")).isEqualTo("READY"));
        assertThat(snapshot(s).getString("waiting")).isNull();
        given().auth().oauth2(TestJwt.backend()).post("/v1/sessions/" + s.id() + "/end").then().statusCode(200);
    }
}
