package dev.rendezvous.session.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.session.support.LogCapture;
import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The log lines about a session carry its id and the event's in the MDC (the fields of LOG_JSON's "mdc"). */
@QuarkusTest
class SessionMdcTest {

    private LogCapture logs;

    @BeforeEach
    void capture() {
        logs = LogCapture.open();
    }

    @AfterEach
    void release() {
        logs.close();
    }

    @Test
    void shouldPutTheSessionAndTheEventIntoTheMdcOfItsLines() throws Exception {
        Sessions.Created s = Sessions.create();
        String join = ParticipantEvents.joined(s, "customer", "PA_c");
        String eventId = new ObjectMapper().readTree(join).get("eventId").asText();
        ParticipantEvents.send(s, join);

        await().atMost(Duration.ofSeconds(15)).until(() -> logs.lines().stream()
                .anyMatch(l -> l.text().startsWith("Session " + s.id() + " v2")));
        LogCapture.Line folded = logs.lines().stream().filter(l -> l.text().startsWith("Session " + s.id() + " v2")).findFirst().orElseThrow();
        assertThat(folded.mdc()).containsEntry("sessionId", s.id().toString()).containsEntry("eventId", eventId);
        LogCapture.Line created = logs.lines().stream().filter(l -> l.text().startsWith("Session " + s.id() + " created")).findFirst().orElseThrow();
        assertThat(created.mdc()).containsEntry("sessionId", s.id().toString()).doesNotContainKey("eventId");
        // Nothing leaks into the lines that follow on the same thread.
        assertThat(logs.lines().stream().filter(l -> !l.text().contains(s.id().toString()))
                .filter(l -> s.id().toString().equals(l.mdc().get("sessionId")))).isEmpty();
    }
}
