package dev.rendezvous.presence.rest;

import dev.rendezvous.testing.Kafka;
import dev.rendezvous.presence.support.LiveKitWebhooks;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A webhook's trace goes on with its record: the record's traceparent is in the webhook request's trace. */
@QuarkusTest
class WebhookTraceTest {

    @ApplicationScoped
    static class InMemorySpans {
        @Produces
        @Singleton
        InMemorySpanExporter exporter() {
            return InMemorySpanExporter.create();
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void shouldPublishTheRecordInTheWebhooksTrace() {
        UUID session = UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String body = LiveKitWebhooks.canonical("participant_joined", session, "customer", "u1", "PA_traced");
        given().contentType("application/webhook+json").header("Authorization", LiveKitWebhooks.sign(body))
                .header("traceparent", "00-" + traceId + "-" + traceId.substring(0, 16) + "-01")
                .body(body).post("/v1/livekit/webhook").then().statusCode(200);

        ConsumerRecord<String, String> record = Kafka.records("participant-events", session.toString(), 1, Duration.ofSeconds(15)).get(0);
        assertThat(Kafka.header(record, "traceparent")).startsWith("00-" + traceId + "-");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .filteredOn(span -> span.getTraceId().equals(traceId))
                .anySatisfy(span -> assertThat(span.getAttributes().asMap().toString())
                        .contains(session.toString()).contains("rendezvous.participant.joined")));
        assertThat(spans.getFinishedSpanItems()).filteredOn(span -> span.getTraceId().equals(traceId))
                .extracting(SpanData::getName).hasSizeGreaterThanOrEqualTo(2);
    }
}
