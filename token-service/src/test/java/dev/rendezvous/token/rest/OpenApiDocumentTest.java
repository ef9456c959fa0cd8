package dev.rendezvous.token.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document documents every status each call answers, every error with the {error, message} body. */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Map<String, List<String>> STATUSES = Map.of(
            "post /v1/sessions/{sessionId}/token", List.of("200", "400", "401", "403", "404", "409", "429", "500", "503"),
            "get /v1/me", List.of("200", "401"));

    @Test
    void shouldDocumentEveryStatusOfEveryCallWithTheErrorBody() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().asString());
        STATUSES.forEach((call, expected) -> {
            String[] methodAndPath = call.split(" ");
            JsonNode operation = document.get("paths").path(methodAndPath[1]).path(methodAndPath[0]);
            List<String> documented = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(documented::add);
            assertThat(documented).as(call).containsExactlyInAnyOrderElementsOf(expected);
            operation.get("responses").fields().forEachRemaining(response -> {
                if (response.getKey().compareTo("400") >= 0) {
                    assertThat(response.getValue().at("/content/application~1json/schema/$ref").asText())
                            .as(call + " " + response.getKey()).endsWith("/ErrorBody");
                }
            });
            assertThat(operation.get("tags").toString()).as(call).contains("tokens");
        });
        JsonNode mint = document.at("/paths/~1v1~1sessions~1{sessionId}~1token/post/responses/200/content/application~1json");
        assertThat(mint.at("/examples/customer/value/role").asText()).isEqualTo("customer");
        assertThat(document.at("/components/securitySchemes/jwt/scheme").asText()).isEqualTo("bearer");
    }
}
