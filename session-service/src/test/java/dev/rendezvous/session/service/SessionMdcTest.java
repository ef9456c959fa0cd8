package dev.rendezvous.session.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.session.support.ParticipantEvents;
import dev.rendezvous.session.support.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The log lines about a session carry its id and the event's in the MDC (the fields of LOG_JSON's "mdc"). */
@QuarkusTest
class SessionMdcTest {

    private record Line(String message, Map<String, String> mdc) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                lines.add(new Line(ext.getFormattedMessage(), ext.getMdcCopy()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void shouldPutTheSessionAndTheEventIntoTheMdcOfItsLines() throws Exception {
        Sessions.Created s = Sessions.create();
        String join = ParticipantEvents.joined(s, "customer", "PA_c");
        String eventId = new ObjectMapper().readTree(join).get("eventId").asText();
        ParticipantEvents.send(s, join);

        await().atMost(Duration.ofSeconds(15)).until(() -> lines.stream()
                .anyMatch(l -> l.message().startsWith("Session " + s.id() + " v2")));
        Line folded = lines.stream().filter(l -> l.message().startsWith("Session " + s.id() + " v2")).findFirst().orElseThrow();
        assertThat(folded.mdc()).containsEntry("sessionId", s.id().toString()).containsEntry("eventId", eventId);
        Line created = lines.stream().filter(l -> l.message().startsWith("Session " + s.id() + " created")).findFirst().orElseThrow();
        assertThat(created.mdc()).containsEntry("sessionId", s.id().toString()).doesNotContainKey("eventId");
        // Nothing leaks into the lines that follow on the same thread.
        assertThat(lines.stream().filter(l -> !l.message().contains(s.id().toString()))
                .filter(l -> s.id().toString().equals(l.mdc().get("sessionId")))).isEmpty();
    }
}
