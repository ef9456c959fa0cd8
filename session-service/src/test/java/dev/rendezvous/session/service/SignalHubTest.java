package dev.rendezvous.session.service;

import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.kernel.wire.SessionStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SignalHubTest {

    @Test
    void shouldDeliverToAStreamThatSubscribesWhileTheSessionsLastOtherStreamLeaves() throws Exception {
        SignalHub hub = new SignalHub(new SimpleMeterRegistry());
        UUID session = UUID.randomUUID();
        SessionSnapshot change = new SessionSnapshot(session, SessionStatus.READY, 3, null, null, false, false, null, null, null, null);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // The race needs the last stream's unsubscribe and a new subscribe to interleave: many rounds
            // make that near certain on any machine; each round must still deliver.
            for (int round = 0; round < 20_000; round++) {
                AutoCloseable leaving = hub.subscribe(session, view -> { });
                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> leave = other.submit(() -> {
                    together.await();
                    leaving.close();
                    return null;
                });
                together.await();
                AtomicInteger heard = new AtomicInteger();
                AutoCloseable staying = hub.subscribe(session, view -> heard.incrementAndGet());
                leave.get();

                hub.publish(change);

                assertThat(heard.get()).as("round %d", round).isEqualTo(1);
                staying.close();
            }
            assertThat(hub.isFollowed(session)).isFalse();
        } finally {
            other.shutdownNow();
        }
    }
}
