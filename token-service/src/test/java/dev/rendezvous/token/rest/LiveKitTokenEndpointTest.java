package dev.rendezvous.token.rest;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.rendezvous.testing.TestJwt;
import dev.rendezvous.token.config.LiveKitConfig;
import dev.rendezvous.token.support.StubSessionService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * LiveKit's standard token endpoint, as livekit-client's TokenSource.endpoint calls it: a JSON body in
 * the proto's snake-case names, {server_url, participant_token} back; the roster decides everything else.
 */
@QuarkusTest
@QuarkusTestResource(StubSessionService.class)
class LiveKitTokenEndpointTest {

    @Inject
    LiveKitConfig livekit;

    private static String session(String customer, String mechanic, String status) {
        String id = UUID.randomUUID().toString();
        StubSessionService.register(id, customer, mechanic, status);
        return id;
    }

    private static ValidatableResponse ask(String jwt, String body) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON).body(body).post("/v1/livekit/token").then();
    }

    private DecodedJWT verified(String token) {
        return JWT.require(Algorithm.HMAC256(livekit.apiSecret().orElseThrow())).withIssuer(livekit.apiKey().orElseThrow())
                .build().verify(token);
    }

    @Test
    void shouldMintTheRostersGrantForTheRoomTheRequestNames() {
        String id = session("cust-lk", "mech-lk", "WAITING");
        // What TokenSource.endpoint sends for {roomName, participantName}.
        String token = ask(TestJwt.user("mech-lk"), "{\"room_name\":\"session-" + id + "\",\"participant_name\":\"Sam\"}")
                .statusCode(201).body("server_url", equalTo(livekit.browserUrl()))
                .body("participant_token", notNullValue()).extract().path("participant_token");
        DecodedJWT grant = verified(token);
        assertThat(grant.getSubject()).isEqualTo("mechanic-mech-lk");
        assertThat(grant.getClaim("name").asString()).isEqualTo("Sam");
        assertThat(grant.getClaim("video").asMap()).containsEntry("room", "session-" + id);
        assertThat(grant.getClaim("metadata").asString()).contains("\"role\":\"mechanic\"");

        // Its own identity may be named; fields LiveKit may add later are left alone.
        ask(TestJwt.user("cust-lk"), "{\"room_name\":\"session-" + id + "\",\"participant_identity\":\"customer-cust-lk\","
                + "\"some_future_field\":1}").statusCode(201);
        // Empty defaults, as some SDKs write them, are no attempt to set anything.
        ask(TestJwt.user("cust-lk"), "{\"room_name\":\"session-" + id + "\",\"participant_metadata\":\"\","
                + "\"participant_attributes\":{}}").statusCode(201);
    }

    @Test
    void shouldRefuseAClientThatTriesToChooseWhoItIs() {
        String id = session("cust-x", "mech-x", "WAITING");
        String room = "\"room_name\":\"session-" + id + "\"";
        String jwt = TestJwt.user("cust-x");
        ask(jwt, "{" + room + ",\"participant_identity\":\"mechanic-mech-x\"}").statusCode(400)
                .body("error", equalTo("identity-not-yours"));
        ask(jwt, "{" + room + ",\"participant_identity\":\"mechanic-cust-x\"}").statusCode(403);
        ask(jwt, "{" + room + ",\"participant_identity\":\"boss\"}").statusCode(400).body("error", equalTo("identity-not-yours"));
        ask(jwt, "{" + room + ",\"participant_metadata\":\"{\\\"role\\\":\\\"mechanic\\\"}\"}").statusCode(400)
                .body("error", equalTo("participant-metadata-not-allowed"));
        ask(jwt, "{" + room + ",\"participant_attributes\":{\"role\":\"mechanic\"}}").statusCode(400)
                .body("error", equalTo("participant-attributes-not-allowed"));
        ask(jwt, "{" + room + ",\"room_config\":{\"agents\":[{\"agent_name\":\"x\"}]}}").statusCode(400)
                .body("error", equalTo("room-config-not-allowed"));
        ask(jwt, "{" + room + ",\"participant_name\":\"" + "n".repeat(129) + "\"}").statusCode(400)
                .body("error", equalTo("bad-participant-name"));
    }

    @Test
    void shouldAnswerBadRequestsAndTheRostersRefusalsAsTheSessionTokenCallDoes() {
        String id = session("cust-y", "mech-y", "WAITING");
        String jwt = TestJwt.user("cust-y");
        ask(jwt, "{}").statusCode(400).body("error", equalTo("missing-room-name"));
        ask(jwt, "{\"room_name\":\"lobby\"}").statusCode(400).body("error", equalTo("bad-room-name"));
        ask(jwt, "{\"room_name\":\"my-session-" + id + "\"}").statusCode(400).body("error", equalTo("bad-room-name"));
        ask(jwt, "{\"room_name\":7}").statusCode(400).body("error", equalTo("unreadable-body"));
        ask(jwt, "not json").statusCode(400).body("error", equalTo("unreadable-body")).body(not(containsString("Exception")));
        given().auth().oauth2(jwt).post("/v1/livekit/token").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"room_name\":\"session-" + id + "\"}").post("/v1/livekit/token")
                .then().statusCode(401);
        ask(TestJwt.user("stranger"), "{\"room_name\":\"session-" + id + "\"}").statusCode(403);
        ask(jwt, "{\"room_name\":\"session-" + UUID.randomUUID() + "\"}").statusCode(404);
        String ended = session("cust-y", "mech-y", "ENDED");
        ask(jwt, "{\"room_name\":\"session-" + ended + "\"}").statusCode(409).body("error", equalTo("session-ended"));
    }

    @Test
    void shouldCountAgainstTheSameLimitAsTheSessionTokenCall() {
        String id = session("cust-z", "mech-z", "WAITING");
        String jwt = TestJwt.user("cust-z");
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(jwt).post("/v1/sessions/" + id + "/token").then().statusCode(200);
            ask(jwt, "{\"room_name\":\"session-" + id + "\"}").statusCode(201);
        }
        ask(jwt, "{\"room_name\":\"session-" + id + "\"}").statusCode(429).header("Retry-After", notNullValue())
                .body("error", equalTo("too-many-tokens"));
        given().auth().oauth2(jwt).post("/v1/sessions/" + id + "/token").then().statusCode(429);
    }
}
