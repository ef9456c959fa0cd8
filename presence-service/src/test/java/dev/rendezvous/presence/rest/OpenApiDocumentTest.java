package dev.rendezvous.presence.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document documents every status the webhook answers, every error with the {error, message} body. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void shouldDocumentEveryStatusOfTheWebhookWithTheErrorBody() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().asString());
        JsonNode operation = document.at("/paths/~1v1~1livekit~1webhook/post");
        List<String> documented = new ArrayList<>();
        operation.path("responses").fieldNames().forEachRemaining(documented::add);
        assertThat(documented).containsExactlyInAnyOrder("200", "400", "401", "413", "500", "503");
        operation.get("responses").fields().forEachRemaining(response -> {
            if (response.getKey().compareTo("400") >= 0) {
                assertThat(response.getValue().at("/content/application~1json/schema/$ref").asText())
                        .as(response.getKey()).endsWith("/ErrorBody");
            }
        });
        assertThat(operation.get("tags").toString()).contains("webhooks");
        assertThat(operation.get("description").asText()).contains("sha256");
    }
}
