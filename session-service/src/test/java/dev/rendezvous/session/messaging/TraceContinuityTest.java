package dev.rendezvous.session.messaging;

import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.session.support.SseClient;
import dev.rendezvous.testing.Kafka;
import dev.rendezvous.testing.TestJwt;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from a participant event's record (its traceparent header, as presence-service writes
 * it for the webhook) through the fold, the outbox and the relay's send to session-signals, and back
 * from there to this replica's streams; the session id and the event type are on every span of ours.
 */
@QuarkusTest
class TraceContinuityTest {

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

    @TestHTTPResource("/v1/sessions")
    URI sessions;

    private static String traceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static Map<String, String> traceparent(String traceId) {
        return Map.of("traceparent", "00-" + traceId + "-" + traceId.substring(0, 16) + "-01");
    }

    private List<SpanData> inTrace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    @Test
    void shouldCarryTheWebhooksTraceThroughTheFoldTheOutboxAndKafkaToTheStreams() {
        Sessions.Created s = Sessions.create();
        String customerJoin = traceId();
        String mechanicJoin = traceId();
        try (SseClient customer = SseClient.open(URI.create(sessions + "/" + s.id() + "/stream?access_token="
                + TestJwt.user(s.customerId())))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !customer.events().isEmpty());
            Kafka.send("participant-events", s.id().toString(), ParticipantEvents.joined(s, "customer", "PA_c"),
                    traceparent(customerJoin));
            Kafka.send("participant-events", s.id().toString(), ParticipantEvents.joined(s, "mechanic", "PA_m"),
                    traceparent(mechanicJoin));
            await().atMost(Duration.ofSeconds(15)).until(() -> customer.statuses().contains("READY"));

            // The READY signal was caused by the mechanic's join: its whole way is in that join's trace.
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(inTrace(mechanicJoin))
                    .extracting(SpanData::getName)
                    .contains("fold rendezvous.participant.joined", "session-signals publish", "deliver to streams"));
        }
        List<SpanData> trace = inTrace(mechanicJoin);
        SpanData fold = named(trace, "fold rendezvous.participant.joined");
        SpanData send = trace.stream().filter(span -> span.getKind() == SpanKind.PRODUCER).findFirst().orElseThrow();
        SpanData delivery = named(trace, "deliver to streams");
        assertThat(send.getParentSpanId()).as("the relay's send continues the fold's span").isEqualTo(fold.getSpanId());
        assertThat(delivery.getParentSpanId()).as("delivery continues the send").isEqualTo(send.getSpanId());
        for (SpanData ours : List.of(fold, delivery)) {
            assertThat(ours.getAttributes().asMap().toString()).contains(s.id().toString());
        }
        assertThat(fold.getAttributes().asMap().toString()).contains("rendezvous.participant.joined");
        assertThat(inTrace(customerJoin)).extracting(SpanData::getName).contains("fold rendezvous.participant.joined");
    }

    private static SpanData named(List<SpanData> trace, String name) {
        return trace.stream().filter(span -> span.getName().equals(name)).findFirst().orElseThrow();
    }
}
