package dev.rendezvous.session.rest;

import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.Kafka;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Requests a careless or hostile client could make to the user APIs: a JWT in the query string where
 * only the stream takes one, unsigned JWTs, ids that are not UUIDs, user ids that cannot form a
 * LiveKit identity; and the consumer and the reconciler folding one session at the same moment.
 * Each is answered with the {error, message} body, never a stack trace, and changes nothing.
 */
@QuarkusTest
class HostileRequestTest {

    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");

    /** Every endpoint of a session but the stream, as a request to send. */
    private static List<Function<RequestSpecification, Integer>> everyCallButTheStream(String id) {
        return List.of(
                r -> r.get("/v1/sessions/" + id).statusCode(),
                r -> r.get("/v1/sessions/" + id + "/diagnosis").statusCode(),
                r -> r.post("/v1/sessions/" + id + "/end").statusCode(),
                r -> r.post("/v1/sessions/" + id + "/reconcile").statusCode());
    }

    @Test
    void shouldNeverTakeAJwtFromTheQueryString() {
        Sessions.Created s = Sessions.create();
        String backend = TestJwt.backend();
        for (Function<RequestSpecification, Integer> call : everyCallButTheStream(s.id().toString())) {
            assertThat(call.apply(given().queryParam("access_token", backend))).isEqualTo(401);
        }
        given().queryParam("access_token", backend).get("/v1/sessions/" + s.id() + "/stream").then().statusCode(401);
        given().queryParam("access_token", backend).contentType(ContentType.JSON)
                .body(Map.of("customerId", "c-q", "mechanicId", "m-q")).post("/v1/sessions")
                .then().statusCode(401).body("error", equalTo("unauthorized"));
        // The same JWT in the header is good, and nothing above ended the session.
        given().auth().oauth2(backend).get("/v1/sessions/" + s.id()).then().statusCode(200).body("status", equalTo("WAITING"));
    }

    @Test
    void shouldRefuseAnUnsignedJwtEverywhere() {
        Sessions.Created s = Sessions.create();
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims = base64("{\"iss\":\"" + TestJwt.ISSUER + "\",\"sub\":\"" + s.customerId() + "\",\"groups\":[\"user\",\"backend\"],"
                + "\"exp\":" + Instant.now().plusSeconds(600).getEpochSecond() + "}");
        String unsigned = header + "." + claims + ".";
        for (Function<RequestSpecification, Integer> call : everyCallButTheStream(s.id().toString())) {
            assertThat(call.apply(given().auth().oauth2(unsigned))).isEqualTo(401);
        }
        given().auth().oauth2(unsigned).get("/v1/sessions/" + s.id() + "/stream")
                .then().statusCode(401).body("error", equalTo("unauthorized"));
        given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + s.id()).then().body("status", equalTo("WAITING"));
    }

    @Test
    void shouldAnswerEveryIdThatIsNotAUuidWith400() {
        for (String id : List.of("not-a-uuid", "123", "..%2F..%2Fetc", UUID.randomUUID() + "0", "%00")) {
            for (Function<RequestSpecification, Integer> call : everyCallButTheStream(id)) {
                assertThat(call.apply(given().auth().oauth2(TestJwt.backend()))).as(id).isEqualTo(400);
            }
            given().auth().oauth2(TestJwt.backend()).get("/v1/sessions/" + id + "/stream")
                    .then().statusCode(400).body("error", equalTo("bad-session-id"));
        }
    }

    @Test
    void shouldRefuseUserIdsThatCannotFormAnIdentity() {
        for (String user : List.of("has space", "x".repeat(129), "slash/inside", "new\nline", "ünïcode")) {
            given().auth().oauth2(TestJwt.backend()).contentType(ContentType.JSON)
                    .body(Map.of("customerId", user, "mechanicId", "m-ok")).post("/v1/sessions")
                    .then().statusCode(400).body("error", equalTo("bad-user-id"));
        }
    }

    @Test
    void shouldLeaveTheRightStateWhenTheConsumerAndTheReconcilerFoldOneSessionAtOnce() throws Exception {
        Sessions.Created s = Sessions.create();
        // Both joined a minute ago (past the reconciliation grace); LiveKit has no such room now.
        Instant minuteAgo = Instant.now().minusSeconds(60);
        ParticipantEvents.send(s, ParticipantEvents.record(s, "rendezvous.participant.joined", "customer", "PA_c", null, minuteAgo));
        ParticipantEvents.send(s, ParticipantEvents.record(s, "rendezvous.participant.joined", "mechanic", "PA_m", null, minuteAgo));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id()).then().body("status", equalTo("READY")).body("version", equalTo(3)));

        // LiveKit has listed nobody for a while already (it is believed only then: RECONCILE_CONFIRM_NOBODY_AFTER).
        given().auth().oauth2(TestJwt.backend()).post("/v1/sessions/" + s.id() + "/reconcile").then().body("status", equalTo("skipped"));
        Thread.sleep(1100);
        // The customer's leave reaches the consumer while reconciliations find both sids gone.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> reconciliations = new ArrayList<>();
            ParticipantEvents.send(s, ParticipantEvents.left(s, "customer", "PA_c", "CLIENT_INITIATED"));
            for (int i = 0; i < 4; i++) {
                reconciliations.add(pool.submit(() -> given().auth().oauth2(TestJwt.backend())
                        .post("/v1/sessions/" + s.id() + "/reconcile").statusCode()));
            }
            for (Future<Integer> reconciliation : reconciliations) {
                assertThat(reconciliation.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        // Two changes (each sid left once, by whichever fold came first): versions 4 and 5, nothing more.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestJwt.backend())
                .get("/v1/sessions/" + s.id()).then().body("version", equalTo(5)).body("status", equalTo("WAITING"))
                .body("customer.present", equalTo(false)).body("mechanic.present", equalTo(false)));
        List<Long> versions = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            versions.clear();
            for (ConsumerRecord<String, String> record : Kafka.readAll("session-signals", s.id().toString(), Duration.ofSeconds(2))) {
                Matcher m = VERSION.matcher(record.value());
                if (m.find()) {
                    versions.add(Long.parseLong(m.group(1)));
                }
            }
            return versions.contains(5L);
        });
        assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
