package dev.rendezvous.session.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the service serves documents every status each call answers (the other tests
 * show the calls answering them), every error with the {error, message} body, the examples and the
 * stream's two ways to authenticate.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Map<String, List<String>> STATUSES = Map.of(
            "post /v1/sessions", List.of("200", "201", "400", "401", "403", "409", "413", "415", "500", "503"),
            "get /v1/sessions/{id}", List.of("200", "400", "401", "403", "404", "500", "503"),
            "post /v1/sessions/{id}/end", List.of("200", "400", "401", "403", "404", "409", "500", "503"),
            "get /v1/sessions/{id}/diagnosis", List.of("200", "400", "401", "403", "404", "429", "500", "503"),
            "post /v1/sessions/{id}/reconcile", List.of("200", "400", "401", "403", "404", "500", "503"),
            "get /v1/sessions/{id}/stream", List.of("200", "400", "401", "403", "404", "500", "503"));

    private static JsonNode document() throws Exception {
        return new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void shouldDocumentEveryStatusOfEveryCallWithTheErrorBody() throws Exception {
        JsonNode paths = document().get("paths");
        STATUSES.forEach((call, expected) -> {
            String[] methodAndPath = call.split(" ");
            JsonNode operation = paths.path(methodAndPath[1]).path(methodAndPath[0]);
            assertThat(operation.isMissingNode()).as(call).isFalse();
            List<String> documented = new ArrayList<>();
            operation.get("responses").fieldNames().forEachRemaining(documented::add);
            assertThat(documented).as(call).containsExactlyInAnyOrderElementsOf(expected);
            operation.get("responses").fields().forEachRemaining(response -> {
                if (response.getKey().compareTo("400") >= 0) {
                    assertThat(response.getValue().at("/content/application~1json/schema/$ref").asText())
                            .as(call + " " + response.getKey()).endsWith("/ErrorBody");
                }
            });
            assertThat(operation.get("tags").toString()).as(call).contains("sessions");
        });
    }

    @Test
    void shouldShowTheSnapshotAndTheStreamsAuthentication() throws Exception {
        JsonNode document = document();
        JsonNode get = document.at("/paths/~1v1~1sessions~1{id}/get/responses/200/content/application~1json");
        assertThat(get.at("/examples/waiting/value/status").asText()).isEqualTo("WAITING");
        assertThat(get.at("/examples/waiting/value/waiting/for").asText()).isEqualTo("mechanic");
        JsonNode stream = document.at("/paths/~1v1~1sessions~1{id}~1stream/get");
        assertThat(stream.get("security").toString()).contains("jwt").contains("view-ticket");
        assertThat(stream.get("description").asText()).contains("Last-Event-ID").contains("retry:");
        assertThat(document.at("/components/securitySchemes/view-ticket/name").asText()).isEqualTo("ticket");
        assertThat(document.at("/components/securitySchemes/view-ticket/in").asText()).isEqualTo("query");
        assertThat(document.at("/components/securitySchemes/jwt-in-query").isMissingNode()).as("no JWT in a URL").isTrue();
    }
}
