package dev.rendezvous.session.rest;

import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.TestJwt;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a URL carried (a view ticket, a JWT someone put there) never reaches an exported span. */
@QuarkusTest
class NoSecretsInSpansTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void shouldExportNoTicketAndNoJwtFromAUrl() {
        Sessions.Created s = Sessions.create();
        String jwt = TestJwt.user(s.customerId());
        String ticket = given().auth().oauth2(jwt).post("/v1/sessions/" + s.id() + "/view-ticket").then().statusCode(201)
                .extract().path("ticket");
        given().queryParam("ticket", ticket).get("/v1/sessions/" + s.id()).then().statusCode(200);
        given().queryParam("ticket", ticket).post("/v1/sessions/" + s.id() + "/end").then().statusCode(401);
        given().queryParam("access_token", jwt).get("/v1/sessions/" + s.id()).then().statusCode(401);

        String ticketSignature = ticket.substring(ticket.indexOf('.') + 1);
        String jwtSignature = jwt.substring(jwt.lastIndexOf('.') + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .anyMatch(span -> span.getAttributes().asMap().values().stream().anyMatch(v -> String.valueOf(v).contains("/view-ticket"))));
        List<SpanData> finished = spans.getFinishedSpanItems();
        assertThat(finished).isNotEmpty();
        for (SpanData span : finished) {
            String everything = span.getName() + " " + span.getAttributes();
            assertThat(everything).as(span.getName()).doesNotContain(ticketSignature).doesNotContain(jwtSignature);
        }
    }
}
