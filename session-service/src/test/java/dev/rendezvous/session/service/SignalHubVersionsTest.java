package dev.rendezvous.session.service;

import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.kernel.wire.SessionStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A version reaches a replica's streams once, whether it comes at commit or back from Kafka. */
class SignalHubVersionsTest {

    private final SignalHub hub = new SignalHub(new SimpleMeterRegistry());
    private final UUID session = UUID.randomUUID();

    private SessionSnapshot version(long v) {
        return new SessionSnapshot(session, SessionStatus.WAITING, v, null, null, false, false, null, null, null, null);
    }

    @Test
    void shouldHandOnEachVersionOnceAndSayWhichItStillWants() throws Exception {
        List<Long> seen = new ArrayList<>();
        assertThat(hub.wants(session, 1)).as("nobody follows it").isFalse();
        try (AutoCloseable ignored = hub.subscribe(session, s -> seen.add(s.version()))) {
            assertThat(hub.wants(session, 2)).isTrue();
            hub.publish(version(2));   // at commit
            assertThat(hub.wants(session, 2)).as("its Kafka copy need not be read").isFalse();
            hub.publish(version(2));   // back from Kafka all the same
            assertThat(hub.wants(session, 3)).isTrue();
            hub.publish(version(3));
            hub.publish(version(2));   // late
            assertThat(seen).containsExactly(2L, 3L);
        }
        assertThat(hub.wants(session, 4)).isFalse();
    }
}
