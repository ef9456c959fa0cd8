package dev.rendezvous.token.rest;

import dev.rendezvous.testing.Kafka;
import dev.rendezvous.testing.TestJwt;
import dev.rendezvous.token.config.LiveKitConfig;
import dev.rendezvous.token.rooms.OpenRooms;
import dev.rendezvous.token.support.StubSessionService;
import io.livekit.server.RoomServiceClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A room closed by LiveKit is forgotten when its room_finished arrives on participant-events (the real
 * broker), and the next mint opens it again: a customer who comes back after everyone left gets in.
 * LiveKit's rooms are listed once a minute here, so only the event can make this replica forget.
 */
@QuarkusTest
@TestProfile(RoomClosingsTest.RareListings.class)
@QuarkusTestResource(StubSessionService.class)
class RoomClosingsTest {

    private static final String TOPIC = "token-service-test-room-events";

    public static class RareListings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A topic of its own, so session-service's tests on the same broker never read these records.
            return Map.of("livekit.rooms-listed-every", "PT1M", "rendezvous.rooms.events-topic", TOPIC);
        }
    }

    @Inject
    LiveKitConfig livekit;
    @Inject
    OpenRooms open;
    @Inject
    MeterRegistry registry;

    @Test
    void shouldOpenTheRoomAgainOnceItsCloseArrives() throws Exception {
        RoomServiceClient rooms = RoomServiceClient.createClient(livekit.httpUrl(), livekit.apiKey().orElseThrow(),
                livekit.apiSecret().orElseThrow());
        var createRoom = registry.counter("rendezvous.livekit.calls", "call", "create_room");
        String id = UUID.randomUUID().toString();
        StubSessionService.register(id, "cust-closed", "mech-closed", "WAITING");
        String room = "session-" + id;
        Kafka.send(TOPIC, id, "{}"); // the topic exists before the feed looks for it
        given().auth().oauth2(TestJwt.user("cust-closed")).post("/v1/sessions/" + id + "/token").then().statusCode(200);
        assertThat(open.isOpen(room)).isTrue();
        // Everyone left and LiveKit closed the room: presence-service publishes its room_finished.
        rooms.deleteRoom(room).execute();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Kafka.send(TOPIC, id, "{}", Map.of("ce_type", "rendezvous.room.finished", "ce_subject", room,
                    "ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_source", "/test"));
            return !open.isOpen(room);
        });
        double before = createRoom.count();
        given().auth().oauth2(TestJwt.user("cust-closed")).post("/v1/sessions/" + id + "/token").then().statusCode(200);
        assertThat(createRoom.count() - before).isEqualTo(1.0);
        assertThat(rooms.listRooms(List.of(room)).execute().body()).hasSize(1);
    }
}
