package dev.rendezvous.token.rest;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.contracts.RecordContract;
import dev.rendezvous.token.config.LiveKitConfig;
import dev.rendezvous.testing.Kafka;
import dev.rendezvous.token.support.StubSessionService;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(StubSessionService.class)
class TokenResourceTest {

    /** The LiveKit server the tests run against, as configured (LIVEKIT_URL), not a literal. */
    @Inject
    LiveKitConfig livekit;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String session(String customer, String mechanic, String status) {
        String id = UUID.randomUUID().toString();
        StubSessionService.register(id, customer, mechanic, status);
        return id;
    }

    private static ValidatableResponse requestToken(String sessionId, String jwt) {
        return given().auth().oauth2(jwt).post("/v1/sessions/" + sessionId + "/token").then();
    }

    @Test
    void shouldRefuseAUserWhoAsksTooOftenForOneSessionWith429AndRetryAfter() {
        String id = session("cust-flood", "mech-flood", "WAITING");
        String jwt = TestJwt.user("cust-flood");
        for (int i = 0; i < 10; i++) {
            requestToken(id, jwt).statusCode(200);
        }
        requestToken(id, jwt).statusCode(429).header("Retry-After", "10")
                .body("error", equalTo("too-many-tokens")).body("message", containsString(id));
        // The mechanic of the same session, and the customer elsewhere, are counted apart.
        requestToken(id, TestJwt.user("mech-flood")).statusCode(200);
        requestToken(session("cust-flood", "mech-other", "WAITING"), jwt).statusCode(200);
    }

    @Test
    void shouldMintACustomerTokenWithTheRoleFromTheRoster() throws Exception {
        String id = session("cust-1", "mech-1", "WAITING");
        Instant before = Instant.now().minusSeconds(1);
        String jwt = TestJwt.user("cust-1");
        String token = requestToken(id, jwt).statusCode(200)
                .body("serverUrl", equalTo(livekit.browserUrl()))
                .body("roomName", equalTo("session-" + id))
                .body("identity", equalTo("customer-cust-1"))
                .body("role", equalTo("customer"))
                .body("expiresAt", notNullValue())
                .extract().path("token");
        assertThat(StubSessionService.lastAuthorization(id)).isEqualTo("Bearer " + jwt);

        DecodedJWT decoded = JWT.require(Algorithm.HMAC256(livekit.apiSecret().orElseThrow()))
                .withIssuer(livekit.apiKey().orElseThrow()).build().verify(token);
        assertThat(decoded.getSubject()).isEqualTo("customer-cust-1");
        assertThat(decoded.getClaim("name").asString()).isEqualTo("User cust-1");
        assertThat(JSON.readTree(decoded.getClaim("metadata").asString()))
                .isEqualTo(JSON.readTree("{\"role\":\"customer\",\"sessionId\":\"" + id + "\",\"userId\":\"cust-1\"}"));
        assertThat(decoded.getClaim("attributes").asMap())
                .isEqualTo(Map.of("role", "customer", "sessionId", id, "userId", "cust-1"));
        Map<String, Object> video = decoded.getClaim("video").asMap();
        assertThat(video).containsEntry("roomJoin", true).containsEntry("room", "session-" + id)
                .containsEntry("canPublish", true).containsEntry("canSubscribe", true)
                .containsEntry("canPublishData", true);
        assertThat(video.get("canUpdateOwnMetadata")).isNotEqualTo(true);
        Instant expiry = decoded.getExpiresAtAsInstant();
        assertThat(expiry).isBetween(before.plus(Duration.ofMinutes(10)), Instant.now().plus(Duration.ofMinutes(10)).plusSeconds(1));
        assertThatThrownBy(() -> JWT.require(Algorithm.HMAC256("another-secret")).build().verify(token))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void shouldMintAMechanicTokenAndAnnounceItOnKafka() throws Exception {
        String id = session("cust-2", "mech-2", "WAITING");
        requestToken(id, TestJwt.user("mech-2")).statusCode(200)
                .body("identity", equalTo("mechanic-mech-2")).body("role", equalTo("mechanic"));
        ConsumerRecord<String, String> record = Kafka.records("token-events", id, 1, Duration.ofSeconds(15)).get(0);
        assertThat(Kafka.header(record, "ce_type")).isEqualTo("rendezvous.token.issued");
        JsonNode event = JSON.readTree(record.value());
        assertThat(event.get("sessionId").asText()).isEqualTo(id);
        assertThat(event.get("userId").asText()).isEqualTo("mech-2");
        assertThat(event.get("role").asText()).isEqualTo("mechanic");
        assertThat(event.get("identity").asText()).isEqualTo("mechanic-mech-2");
        assertThat(event.get("room").asText()).isEqualTo("session-" + id);
        assertThat(Instant.parse(event.get("expiresAt").asText())).isAfter(Instant.parse(event.get("issuedAt").asText()));
        assertThat(Kafka.header(record, "ce_id")).isEqualTo(event.get("eventId").asText());
        // The published contract: contracts/schemas/token-event.json and the CloudEvents attributes.
        assertThat(RecordContract.TOKEN_EVENT.violations(record)).isEmpty();
    }

    @Test
    void shouldNeverTakeTheRoleFromTheClient() {
        String id = session("cust-3", "mech-3", "WAITING");
        given().auth().oauth2(TestJwt.user("cust-3")).contentType(ContentType.JSON).body(Map.of("role", "mechanic"))
                .post("/v1/sessions/" + id + "/token")
                .then().statusCode(403).body("error", equalTo("not-on-roster"));
    }

    @Test
    void shouldLetAUserWhoHoldsBothRolesChooseAndOtherwiseConflict() {
        String id = session("same-user", "same-user", "WAITING");
        requestToken(id, TestJwt.user("same-user")).statusCode(409).body("error", equalTo("role-ambiguous"));
        given().auth().oauth2(TestJwt.user("same-user")).contentType(ContentType.JSON).body(Map.of("role", "mechanic"))
                .post("/v1/sessions/" + id + "/token")
                .then().statusCode(200).body("identity", equalTo("mechanic-same-user"));
    }

    @Test
    void shouldRefuseAUserOnNoRoster() {
        String id = session("cust-4", "mech-4", "WAITING");
        requestToken(id, TestJwt.user("stranger")).statusCode(403).body("error", equalTo("not-on-roster"));
    }

    @Test
    void shouldRefuseMissingForgedExpiredAndForeignJwts() {
        String id = session("cust-5", "mech-5", "WAITING");
        given().post("/v1/sessions/" + id + "/token").then().statusCode(401).body("error", equalTo("unauthorized"));
        String genuine = TestJwt.user("cust-5");
        String[] parts = genuine.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"cust-5\",\"iss\":\"https://rendezvous.dev/issuer\",\"exp\":9999999999}".getBytes())
                + "." + parts[2];
        requestToken(id, forged).statusCode(401).body("error", equalTo("unauthorized"));
        requestToken(id, TestJwt.expired("cust-5")).statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\"")).body("message", containsString("expired"));
        requestToken(id, TestJwt.otherIssuer("cust-5")).statusCode(401)
                .header("WWW-Authenticate", containsString("issuer")).body("message", containsString("issuer"));
        requestToken(id, TestJwt.signedByAnotherKey("cust-5")).statusCode(401).body("message", containsString("signature"));
        given().post("/v1/sessions/" + id + "/token").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"rendezvous\""))
                .body("message", containsString("Authorization: Bearer <JWT>"));
    }

    @Test
    void shouldRefuseAnUnsignedJwtAndAJwtInTheQueryString() {
        String id = session("cust-8", "mech-8", "WAITING");
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes())
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"sub\":\"cust-8\",\"iss\":\""
                + "https://rendezvous.dev/issuer\",\"groups\":[\"user\"],\"exp\":9999999999}").getBytes()) + ".";
        requestToken(id, unsigned).statusCode(401).body("error", equalTo("unauthorized"));
        // Only session-service's stream takes a JWT in the URL; here it would end up in access logs.
        given().queryParam("access_token", TestJwt.user("cust-8")).post("/v1/sessions/" + id + "/token")
                .then().statusCode(401).body("error", equalTo("unauthorized"));
        requestToken(id, TestJwt.user("cust-8")).statusCode(200);
    }

    @Test
    void shouldAnswerBadIdsUnknownAndEndedSessions() {
        requestToken("not-a-uuid", TestJwt.user("u")).statusCode(400).body("error", equalTo("bad-session-id"));
        requestToken(UUID.randomUUID().toString(), TestJwt.user("u")).statusCode(404).body("error", equalTo("not-found"));
        String ended = session("cust-6", "mech-6", "ENDED");
        requestToken(ended, TestJwt.user("cust-6")).statusCode(409).body("error", equalTo("session-ended"));
        // Those went to session-service: the lookup's latency is a histogram (a p99 from the scrape).
        given().get("/q/metrics").then().body(containsString("rendezvous_roster_lookup_seconds_bucket{"));
    }

    @Test
    void shouldRefuseASubThatCannotFormAnIdentity() {
        String id = session("has space", "mech-7", "WAITING");
        requestToken(id, TestJwt.user("has space")).statusCode(400).body("error", equalTo("bad-user-id"));
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenSessionServiceFailsOrIsSlow() {
        requestToken(StubSessionService.BROKEN_SESSION, TestJwt.user("u")).statusCode(503)
                .header("Retry-After", notNullValue()).body("error", equalTo("roster-unavailable"));
        long start = System.nanoTime();
        requestToken(StubSessionService.SLOW_SESSION, TestJwt.user("u")).statusCode(503)
                .header("Retry-After", notNullValue()).body("error", equalTo("roster-unavailable"));
        // The stub answers after 5 s; the 2 s roster timeout must answer first.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    /** A snapshot on session-signals as session-service publishes it; session-service's API never hears of it. */
    private static void signal(String id, String customer, String mechanic, String status, long version) {
        Kafka.send("session-signals", id, ("{\"sessionId\":\"%s\",\"status\":\"%s\",\"version\":%d,"
                + "\"customer\":{\"userId\":\"%s\",\"present\":false},\"mechanic\":{\"userId\":\"%s\",\"present\":false},"
                + "\"readyAt\":null,\"endedAt\":null,\"endReason\":null}").formatted(id, status, version, customer, mechanic));
    }

    @Test
    void shouldMintFromTheRosterOnSessionSignalsWithoutAskingSessionService() {
        String id = UUID.randomUUID().toString();
        // Whatever session-service answers is the opposite of what the signals say, so each answer shows its source.
        StubSessionService.register(id, "cust-9", "mech-9", "ENDED");
        signal(id, "cust-9", "mech-9", "WAITING", 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                requestToken(id, TestJwt.user("mech-9")).statusCode(200)
                        .body("role", equalTo("mechanic")).body("identity", equalTo("mechanic-mech-9")));
        requestToken(id, TestJwt.user("cust-9")).statusCode(200).body("role", equalTo("customer"));
        requestToken(id, TestJwt.user("stranger")).statusCode(403).body("error", equalTo("not-on-roster"));
        given().auth().oauth2(TestJwt.user("cust-9")).contentType(ContentType.JSON).body(Map.of("role", "mechanic"))
                .post("/v1/sessions/" + id + "/token").then().statusCode(403).body("error", equalTo("not-on-roster"));
        assertThat(Kafka.records("token-events", id, 2, Duration.ofSeconds(10))).hasSize(2);

        StubSessionService.register(id, "cust-9", "mech-9", "WAITING");
        signal(id, "cust-9", "mech-9", "ENDED", 2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                requestToken(id, TestJwt.user("cust-9")).statusCode(409).body("error", equalTo("session-ended")));
    }

    /** A supervisor of the roster (session-signals' members) looks in unseen: a hidden, subscribe-only grant. */
    @Test
    void shouldMintASupervisorAHiddenSubscribeOnlyGrant() throws Exception {
        String id = UUID.randomUUID().toString();
        Kafka.send("session-signals", id, ("{\"sessionId\":\"%s\",\"status\":\"READY\",\"version\":3,"
                + "\"customer\":{\"userId\":\"cust-s\",\"present\":true},\"mechanic\":{\"userId\":\"mech-s\",\"present\":true},"
                + "\"members\":[{\"role\":\"customer\",\"userId\":\"cust-s\",\"present\":true},"
                + "{\"role\":\"mechanic\",\"userId\":\"mech-s\",\"present\":true},"
                + "{\"role\":\"supervisor\",\"userId\":\"boss-s\",\"present\":false}],"
                + "\"readyAt\":null,\"endedAt\":null,\"endReason\":null}").formatted(id));
        String token = await().atMost(Duration.ofSeconds(20)).until(() -> requestToken(id, TestJwt.user("boss-s")).extract(),
                        r -> r.statusCode() == 200).path("token");
        requestToken(id, TestJwt.user("boss-s")).statusCode(200).body("role", equalTo("supervisor"))
                .body("identity", equalTo("supervisor-boss-s"));
        Map<String, Object> video = JWT.require(Algorithm.HMAC256(livekit.apiSecret().orElseThrow())).build().verify(token)
                .getClaim("video").asMap();
        assertThat(video).containsEntry("hidden", true).containsEntry("canSubscribe", true)
                .containsEntry("canPublish", false).containsEntry("canPublishData", false);
        // The customer's grant stays visible and publishing; a supervisor cannot ask for another role.
        String customer = requestToken(id, TestJwt.user("cust-s")).statusCode(200).extract().path("token");
        assertThat(JWT.decode(customer).getClaim("video").asMap()).containsEntry("canPublish", true)
                .doesNotContainEntry("hidden", true);
        given().auth().oauth2(TestJwt.user("boss-s")).contentType(ContentType.JSON).body(Map.of("role", "mechanic"))
                .post("/v1/sessions/" + id + "/token").then().statusCode(403).body("error", equalTo("not-on-roster"));
    }

    @Test
    void shouldTellTheCallerWhoTheirJwtSaysTheyAre() {
        given().auth().oauth2(TestJwt.user("cust-8")).get("/v1/me").then().statusCode(200)
                .body("userId", equalTo("cust-8")).body("groups", equalTo(java.util.List.of("user")));
        given().get("/v1/me").then().statusCode(401).body("error", equalTo("unauthorized"));
        given().auth().oauth2(TestJwt.expired("cust-8")).get("/v1/me").then().statusCode(401);
    }

    @Test
    void shouldServeHealthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().body("checks.find { it.name == 'livekit' }.data.url",
                equalTo(livekit.url().orElseThrow().replaceFirst("^ws", "http")));
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void shouldOpenTheSessionsRoomBeforeHandingOutItsToken() throws Exception {
        String id = session("cust-room", "mech-room", "WAITING");
        var rooms = io.livekit.server.RoomServiceClient.createClient(livekit.httpUrl(), livekit.apiKey().orElseThrow(),
                livekit.apiSecret().orElseThrow());
        requestToken(id, TestJwt.user("cust-room")).statusCode(200);
        // LiveKit creates no room on a join (ended means closed): the mint opened it.
        assertThat(rooms.listRooms(List.of("session-" + id)).execute().body()).hasSize(1);
        // A stranger's refused mint opens nothing.
        String other = session("cust-x", "mech-x", "WAITING");
        requestToken(other, TestJwt.user("stranger")).statusCode(403);
        assertThat(rooms.listRooms(List.of("session-" + other)).execute().body()).isEmpty();
    }

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Test
    void shouldAskLiveKitOnceForARoomItOpenedLately() {
        String id = session("cust-again", "mech-again", "WAITING");
        var createRoom = registry.counter("rendezvous.livekit.calls", "call", "create_room");
        double before = createRoom.count();
        requestToken(id, TestJwt.user("cust-again")).statusCode(200);
        requestToken(id, TestJwt.user("mech-again")).statusCode(200);
        requestToken(id, TestJwt.user("cust-again")).statusCode(200);
        // Three mints, one CreateRoom: the room this replica opened a moment ago is still open.
        assertThat(createRoom.count() - before).isEqualTo(1.0);
    }

    @TestHTTPResource("/")
    java.net.URL root;

    @Test
    void shouldRefuseABodyOverItsLimitBeforeReadingIt() throws Exception {
        String id = session("cust-big", "mech-big", "WAITING");
        for (String path : List.of("/v1/sessions/" + id + "/token", "/v1/livekit/token")) {
            for (long declared : List.of(8192L, 10L * 1024 * 1024)) {
                var answer = dev.rendezvous.testing.LargeBody.send(root, "POST", path, TestJwt.user("stranger-big"), declared);
                assertThat(answer.status()).as(path + " " + declared).isEqualTo(413);
                assertThat(answer.body()).contains("\"error\":\"body-too-large\"");
            }
        }
    }
}
