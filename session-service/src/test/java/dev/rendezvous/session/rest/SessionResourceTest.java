package dev.rendezvous.session.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class SessionResourceTest {

    @Test
    void shouldCreateSessionForBackend() {
        given().auth().oauth2(TestJwt.backend()).contentType(ContentType.JSON)
                .body(Map.of("customerId", "c-1", "mechanicId", "m-1"))
                .post("/v1/sessions")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("status", equalTo("WAITING"))
                .body("version", equalTo(1))
                .body("customer.userId", equalTo("c-1"))
                .body("customer.present", equalTo(false))
                .body("mechanic.userId", equalTo("m-1"));
    }

    @Test
    void shouldAnswerLocationThatReadsTheSession() {
        String location = given().auth().oauth2(TestJwt.backend()).contentType(ContentType.JSON)
                .body(Map.of("customerId", "c-2", "mechanicId", "m-2"))
                .post("/v1/sessions").then().statusCode(201).extract().header("Location");
        given().auth().oauth2(TestJwt.user("c-2")).get(location)
                .then().statusCode(200).body("customer.userId", equalTo("c-2"));
    }

    private static io.restassured.response.ValidatableResponse createWithKey(String backend, String key, String customer, String mechanic) {
        return given().auth().oauth2(backend).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("customerId", customer, "mechanicId", mechanic)).post("/v1/sessions").then();
    }

    @Test
    void shouldAnswerARetryWithTheSameIdempotencyKeyWithTheSessionItFirstCreated() {
        String key = "order-" + UUID.randomUUID();
        var first = createWithKey(TestJwt.backend(), key, "c-k1", "m-k1").statusCode(201).extract();
        var retry = createWithKey(TestJwt.backend(), key, "c-k1", "m-k1").statusCode(200)
                .body("customer.userId", equalTo("c-k1")).extract();
        assertThat(retry.path("sessionId").toString()).isEqualTo(first.path("sessionId").toString());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
    }

    @Test
    void shouldRefuseAnIdempotencyKeyReusedForAnotherRoster() {
        String key = "order-" + UUID.randomUUID();
        createWithKey(TestJwt.backend(), key, "c-k2", "m-k2").statusCode(201);
        createWithKey(TestJwt.backend(), key, "c-k2", "someone-else").statusCode(409)
                .body("error", equalTo("idempotency-conflict"));
    }

    @Test
    void shouldScopeIdempotencyKeysToTheCallingBackend() {
        String key = "order-" + UUID.randomUUID();
        String mine = createWithKey(TestJwt.backend(), key, "c-k3", "m-k3").statusCode(201).extract().path("sessionId");
        String theirs = createWithKey(TestJwt.backend("billing-backend"), key, "c-k3", "m-k3").statusCode(201)
                .extract().path("sessionId");
        assertThat(theirs).isNotEqualTo(mine);
    }

    @Test
    void shouldCreateOneSessionForSimultaneousRequestsWithOneKey() throws Exception {
        String key = "order-" + UUID.randomUUID();
        String backend = TestJwt.backend();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<io.restassured.response.ExtractableResponse<?>>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> createWithKey(backend, key, "c-k4", "m-k4").extract()));
            }
            List<Integer> statuses = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (Future<io.restassured.response.ExtractableResponse<?>> answer : answers) {
                statuses.add(answer.get().statusCode());
                ids.add(answer.get().path("sessionId"));
            }
            assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRefuseAnUnreadableIdempotencyKey() {
        createWithKey(TestJwt.backend(), "x".repeat(201), "c-k5", "m-k5").statusCode(400)
                .body("error", equalTo("bad-idempotency-key"));
        createWithKey(TestJwt.backend(), "two words", "c-k5", "m-k5").statusCode(400)
                .body("error", equalTo("bad-idempotency-key"));
    }

    @Test
    void shouldNotLetUsersCreateSessions() {
        given().auth().oauth2(TestJwt.user("c-1")).contentType(ContentType.JSON)
                .body(Map.of("customerId", "c-1", "mechanicId", "m-1"))
                .post("/v1/sessions")
                .then().statusCode(403).body("error", equalTo("not-a-backend"));
    }

    @Test
    void shouldRejectMissingOrBadUserIds() {
        given().auth().oauth2(TestJwt.backend()).contentType(ContentType.JSON)
                .body(Map.of("customerId", "c 1 with spaces", "mechanicId", "m-1"))
                .post("/v1/sessions")
                .then().statusCode(400).body("error", equalTo("bad-user-id"));
        given().auth().oauth2(TestJwt.backend()).contentType(ContentType.JSON)
                .body("{\"customerId\": ")
                .post("/v1/sessions")
                .then().statusCode(400).body("error", notNullValue());
    }

    @Test
    void shouldRequireAuthentication() {
        given().get("/v1/sessions/" + UUID.randomUUID())
                .then().statusCode(401).body("error", equalTo("unauthorized"));
        given().auth().oauth2("not-a-jwt").get("/v1/sessions/" + UUID.randomUUID())
                .then().statusCode(401).body("error", equalTo("unauthorized"));
    }

    @Test
    void shouldAnswerBadIdUnknownAndForeignSessions() {
        Sessions.Created session = Sessions.create();
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/not-a-uuid")
                .then().statusCode(400).body("error", equalTo("bad-session-id"));
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + UUID.randomUUID())
                .then().statusCode(404).body("error", equalTo("not-found"));
        given().auth().oauth2(TestJwt.user("somebody-else")).get("/v1/sessions/" + session.id())
                .then().statusCode(403).body("error", equalTo("not-on-roster"));
        given().auth().oauth2(TestJwt.user(session.mechanicId())).get("/v1/sessions/" + session.id())
                .then().statusCode(200).body("sessionId", equalTo(session.id().toString()));
    }

    @Test
    void shouldEndOnceAndThenConflict() {
        Sessions.Created session = Sessions.create();
        given().auth().oauth2(TestJwt.user(session.customerId())).post("/v1/sessions/" + session.id() + "/end")
                .then().statusCode(200)
                .body("status", equalTo("ENDED"))
                .body("endReason", equalTo("ended-by-customer"))
                .body("version", equalTo(2));
        given().auth().oauth2(TestJwt.user(session.mechanicId())).post("/v1/sessions/" + session.id() + "/end")
                .then().statusCode(409).body("error", equalTo("session-ended"));
        given().auth().oauth2(TestJwt.user("somebody-else")).post("/v1/sessions/" + session.id() + "/end")
                .then().statusCode(403);
    }

    @Test
    void shouldLetExactlyOneOfSimultaneousEndsWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                Sessions.Created session = Sessions.create();
                List<String> callers = List.of(TestJwt.user(session.customerId()), TestJwt.user(session.mechanicId()),
                        TestJwt.backend(), TestJwt.backend("billing-backend"));
                List<Future<Integer>> answers = new ArrayList<>();
                for (String caller : callers) {
                    answers.add(pool.submit(() -> given().auth().oauth2(caller)
                            .post("/v1/sessions/" + session.id() + "/end").statusCode()));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get());
                }
                assertThat(statuses).as("round %d", round).containsOnlyOnce(200).containsOnly(200, 409);
                given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + session.id())
                        .then().body("status", equalTo("ENDED")).body("version", equalTo(2));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldServeTheBrowserModuleToPagesOfAnyOrigin() throws Exception {
        String published = Files.readString(Path.of("../client/rendezvous-client.js"));
        String version = new ObjectMapper().readTree(Path.of("../client/package.json").toFile()).get("version").asText();
        for (String origin : new String[] {"http://127.0.0.1:8080", "https://shop.example"}) {
            given().header("Origin", origin).get("/rendezvous-client.js").then().statusCode(200)
                    .header("Access-Control-Allow-Origin", "*")
                    .header("Cache-Control", not(containsString("immutable")))
                    .contentType(startsWith("text/javascript"))
                    .body(equalTo(published));
            given().header("Origin", origin).get("/rendezvous-client/" + version + "/rendezvous-client.js").then().statusCode(200)
                    .header("Access-Control-Allow-Origin", "*")
                    .header("Cache-Control", containsString("immutable"))
                    .body(equalTo(published));
        }
        given().get("/rendezvous-client/0.0.1/rendezvous-client.js").then().statusCode(404);
        // The API itself still answers only the origins CORS_ORIGINS names.
        given().header("Origin", "https://shop.example").auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + UUID.randomUUID())
                .then().statusCode(403);
    }

    @Test
    void shouldServeHealthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/v1/sessions"));
    }
}
