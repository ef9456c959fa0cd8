package dev.rendezvous.session.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.contracts.RecordContract;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * What an integrator's first mistakes answer: every refusal names what was wrong and what to send, in
 * the {error, message} body (and, for credentials, in RFC 6750's WWW-Authenticate challenge).
 */
@QuarkusTest
class IntegratorErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ValidatableResponse create(String body) {
        return given().auth().oauth2(TestJwt.backend()).contentType(ContentType.JSON).body(body).post("/v1/sessions").then();
    }

    @Test
    void shouldNameTheMissingField() {
        create("{\"customerId\": \"c-1\"}").statusCode(400).body("error", equalTo("missing-field"))
                .body("message", startsWith("mechanicId is required"));
    }

    @Test
    void shouldNameAnUnknownFieldAndTheOneMeant() {
        create("{\"customer_id\": \"c-1\", \"mechanic_id\": \"m-1\"}").statusCode(400).body("error", equalTo("unknown-field"))
                .body("message", allOf(containsString("'customer_id'"), containsString("did you mean 'customerId'")));
        create("{\"customerId\": \"c-1\", \"mechanicId\": \"m-1\", \"priority\": 1}").statusCode(400)
                .body("error", equalTo("unknown-field")).body("message", containsString("'priority'"));
    }

    @Test
    void shouldSayWhyABodyIsUnreadable() {
        create("{\"customerId\": ").statusCode(400).body("error", equalTo("unreadable-body"))
                .body("message", startsWith("the body is not JSON: "));
        create("[]").statusCode(400).body("error", equalTo("unreadable-body")).body("message", containsString("JSON object"));
        create("\"x\"").statusCode(400).body("error", equalTo("unreadable-body")).body("message", containsString("JSON object"));
        create("").statusCode(400).body("error", equalTo("missing-body"));
        create("{\"customerId\": 42, \"mechanicId\": \"m-1\"}").statusCode(400).body("error", equalTo("bad-user-id"))
                .body("message", containsString("customerId must be a string"));
    }

    /** The general form: members with their roles; the snapshot lists them. */
    @Test
    void shouldTakeTheRosterAsMembers() {
        String customer = "c-mem-" + UUID.randomUUID();
        create("{\"members\": [{\"userId\": \"" + customer + "\", \"role\": \"customer\"}, "
                + "{\"userId\": \"m-mem\", \"role\": \"mechanic\"}]}").statusCode(201)
                .body("customer.userId", equalTo(customer)).body("mechanic.userId", equalTo("m-mem"))
                .body("members.role", org.hamcrest.Matchers.contains("customer", "mechanic"))
                .body("members.userId", org.hamcrest.Matchers.contains(customer, "m-mem"))
                .body("members[0].present", equalTo(false));
        create("{\"members\": [{\"userId\": \"c-1\", \"role\": \"customer\"}]}").statusCode(400)
                .body("error", equalTo("missing-field")).body("message", containsString("no mechanic"));
        create("{\"members\": [{\"userId\": \"c-1\", \"role\": \"customer\"}, {\"userId\": \"m-1\", \"role\": \"mechanic\"}, "
                + "{\"userId\": \"s-1\", \"role\": \"observer\"}]}").statusCode(400)
                .body("error", equalTo("role-not-supported")).body("message", containsString("members[2].role must be customer, mechanic or supervisor"));
        create("{\"members\": [{\"userId\": \"c-1\", \"role\": \"customer\"}, {\"userId\": \"m-1\", \"role\": \"mechanic\"}, "
                + "{\"userId\": \"m-1\", \"role\": \"supervisor\"}]}").statusCode(400)
                .body("error", equalTo("one-user-one-role")).body("message", containsString("members[2] names 'm-1' again"));
        StringBuilder crowd = new StringBuilder("{\"members\": [{\"userId\": \"c-1\", \"role\": \"customer\"}, "
                + "{\"userId\": \"m-1\", \"role\": \"mechanic\"}");
        for (int i = 0; i <= CreateSessionRequest.MAX_SUPERVISORS; i++) {
            crowd.append(", {\"userId\": \"s-").append(i).append("\", \"role\": \"supervisor\"}");
        }
        create(crowd + "]}").statusCode(400).body("error", equalTo("bad-members")).body("message", containsString("at most 10 supervisors"));
        create("{\"members\": [{\"userId\": \"c-1\", \"role\": \"customer\"}, {\"userId\": \"c-1\", \"role\": \"mechanic\"}]}")
                .statusCode(400).body("error", equalTo("one-user-one-role"));
        create("{\"customerId\": \"c-1\", \"members\": []}").statusCode(400).body("message", containsString("not both"));
        create("{\"members\": [{\"userId\": \"c-1\", \"role\": \"customer\", \"name\": \"Ada\"}]}").statusCode(400)
                .body("error", equalTo("unknown-field")).body("message", containsString("'name' in members[0]"));
    }

    @Test
    void shouldGiveAUserOneRole() {
        create("{\"customerId\": \"same-1\", \"mechanicId\": \"same-1\"}").statusCode(400)
                .body("error", equalTo("one-user-one-role")).body("message", containsString("same-1"));
    }

    @Test
    void shouldNameTheContentTypeItTakes() {
        given().auth().oauth2(TestJwt.backend()).body("{\"customerId\": \"c-1\", \"mechanicId\": \"m-1\"}".getBytes())
                .post("/v1/sessions").then().statusCode(415).body("error", equalTo("unsupported-media-type"))
                .body("message", containsString("Content-Type: application/json"));
        given().auth().oauth2(TestJwt.backend()).header("Content-Type", "text/plain").body("{\"customerId\": \"c-1\", \"mechanicId\": \"m-1\"}")
                .post("/v1/sessions").then().statusCode(415).body("message", containsString("Content-Type: application/json"));
    }

    /** RestAssured always names a type; a raw request can leave the header out, as curl -H 'Content-Type:' does. */
    @Test
    void shouldRefuseABodyWithoutAContentType() throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/v1/sessions"))
                .header("Authorization", "Bearer " + TestJwt.backend())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"customerId\": \"c-1\", \"mechanicId\": \"m-1\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(answer.body()).contains("unsupported-media-type", "Content-Type: application/json");
    }

    @Test
    void shouldSayWhichGroupACreatorLacks() {
        given().auth().oauth2(TestJwt.user("c-9")).contentType(ContentType.JSON).body("{\"customerId\": \"c-9\", \"mechanicId\": \"m-9\"}")
                .post("/v1/sessions").then().statusCode(403).body("error", equalTo("not-a-backend"))
                .body("message", allOf(containsString("'backend'"), containsString("groups"), containsString("user")));
    }

    @Test
    void shouldCallAStrangerNotOnTheRoster() {
        Sessions.Created session = Sessions.create();
        given().auth().oauth2(TestJwt.user("stranger-" + UUID.randomUUID())).get("/v1/sessions/" + session.id())
                .then().statusCode(403).body("error", equalTo("not-on-roster")).body("message", containsString("roster"));
    }

    @Test
    void shouldSayWhyATokenIsRefused() {
        String path = "/v1/sessions/" + UUID.randomUUID();
        refused(TestJwt.expired("c-1"), path, "expired");
        refused(TestJwt.otherIssuer("c-1"), path, "issuer");
        refused(TestJwt.signedByAnotherKey("c-1"), path, "signature");
        refused("not-a-jwt", path, "not a JWT");
    }

    private static void refused(String token, String path, String reason) {
        given().auth().oauth2(token).get(path).then().statusCode(401).body("error", equalTo("unauthorized"))
                .body("message", containsString(reason))
                .header("WWW-Authenticate", allOf(startsWith("Bearer realm=\"rendezvous\""), containsString("error=\"invalid_token\""),
                        containsString("error_description=\""), containsString(reason), not(containsString(token))));
    }

    @Test
    void shouldSayHowToSendACredential() {
        given().get("/v1/sessions/" + UUID.randomUUID()).then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"rendezvous\""))
                .body("message", containsString("Authorization: Bearer <JWT>"));
        given().header("Authorization", TestJwt.backend()).get("/v1/sessions/" + UUID.randomUUID()).then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_request\""))
                .body("message", containsString("'Bearer <JWT>'"));
    }

    /** The OpenAPI document's examples are snapshots as the service writes them, not a story. */
    @Test
    void shouldShowTrueExamples() throws Exception {
        assertThat(RecordContract.SESSION_SIGNAL.valueViolations(SessionResource.CREATED_EXAMPLE)).isEmpty();
        assertThat(RecordContract.SESSION_SIGNAL.valueViolations(SessionResource.EXAMPLE)).isEmpty();
        JsonNode example = JSON.readTree(SessionResource.CREATED_EXAMPLE);
        JsonNode created = JSON.readTree(create("{\"customerId\": \"c-ex-" + UUID.randomUUID() + "\", \"mechanicId\": \"m-ex\"}")
                .statusCode(201).extract().asString());
        assertThat(fieldsOf(created)).isEqualTo(fieldsOf(example));
        assertThat(created.get("version").asInt()).isEqualTo(example.get("version").asInt());
        assertThat(created.get("status")).isEqualTo(example.get("status"));
        assertThat(created.at("/customer/present")).isEqualTo(example.at("/customer/present"));
        assertThat(created.get("waiting")).isEqualTo(example.get("waiting"));
    }

    /** Every field path of a JSON tree, e.g. customer.media.camera. */
    private static java.util.SortedSet<String> fieldsOf(JsonNode node) {
        java.util.SortedSet<String> paths = new java.util.TreeSet<>();
        node.fields().forEachRemaining(field -> {
            paths.add(field.getKey());
            if (field.getValue().isObject()) {
                fieldsOf(field.getValue()).forEach(inner -> paths.add(field.getKey() + "." + inner));
            }
        });
        return paths;
    }

    @Test
    void shouldServeEachRecordSchemaAtItsDataschemaPath() {
        for (String name : new String[] {"participant-event", "token-event", "session-signal", "session-deadline"}) {
            given().get("/schemas/" + name + "/v1.json").then().statusCode(200)
                    .contentType(startsWith("application/schema+json"))
                    .body("$id", equalTo("https://rendezvous.dev/schemas/" + name + "/v1.json"));
        }
        given().get("/schemas/secrets/v1.json").then().statusCode(404).body("error", equalTo("not-found"));
    }
}
