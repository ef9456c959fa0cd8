package dev.rendezvous.session.lifecycle;

import dev.rendezvous.session.support.LiveKitParticipant;
import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import livekit.LivekitModels;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Once a session has ended, nobody gets back into its LiveKit room: not with a token minted before the
 * end (LiveKit, as shipped, creates no room on a join), and a room that reappears anyway is removed.
 */
@QuarkusTest
class EndedMeansClosedTest {

    @Test
    void shouldKeepATokenMintedBeforeTheEndOutOfTheRoom() throws Exception {
        Sessions.Created s = Sessions.create();
        String metadata = "{\"role\":\"customer\",\"sessionId\":\"" + s.id() + "\",\"userId\":\"" + s.customerId() + "\"}";
        String mintedBeforeTheEnd = LiveKitParticipant.token(s.room(), "customer-" + s.customerId(), metadata);
        try (LiveKitParticipant before = LiveKitParticipant.join(s.room(), "customer-" + s.customerId(), metadata)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !listed(s.room()).isEmpty());
        }
        given().auth().oauth2(TestJwt.backend()).post("/v1/sessions/" + s.id() + "/end").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> !roomExists(s.room()));

        // The customer's page still holds its token and connects again, with a real LiveKit client's signalling.
        LiveKitParticipant again = null;
        try {
            again = LiveKitParticipant.connect(mintedBeforeTheEnd);
        } catch (Exception refused) {
            // LiveKit refused the connection: the room does not exist. What counts is asserted below either way.
        }
        try {
            Thread.sleep(3000);
            assertThat(roomExists(s.room())).as("the ended session's room is not back").isFalse();
            assertThat(listed(s.room())).isEmpty();
        } finally {
            if (again != null) {
                again.close();
            }
        }
    }

    @Test
    void shouldRemoveARoomThatReappearsForAnEndedSession() throws Exception {
        Sessions.Created s = Sessions.create();
        given().auth().oauth2(TestJwt.backend()).post("/v1/sessions/" + s.id() + "/end").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> !roomExists(s.room()));
        // A LiveKit that creates rooms on join (or a mint that raced the end) brings the room back, and says so.
        LiveKitParticipant.openRoom(s.room());
        assertThat(roomExists(s.room())).isTrue();
        ParticipantEvents.send(s, ParticipantEvents.record(s, "rendezvous.room.started", "customer", null, null));

        await().atMost(Duration.ofSeconds(15)).until(() -> !roomExists(s.room()));
    }

    private static boolean roomExists(String room) throws Exception {
        List<LivekitModels.Room> rooms = LiveKitParticipant.roomService().listRooms(List.of(room)).execute().body();
        return rooms != null && !rooms.isEmpty();
    }

    private static List<LivekitModels.ParticipantInfo> listed(String room) throws Exception {
        var response = LiveKitParticipant.roomService().listParticipants(room).execute();
        return response.isSuccessful() && response.body() != null ? response.body() : List.of();
    }
}
