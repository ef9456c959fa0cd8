package dev.rendezvous.session.service;

import dev.rendezvous.kernel.wire.SessionSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * This replica's fan-out of session signals to its SSE subscribers. Never blocks the publisher. A
 * version reaches the hub twice when this replica folded it (at commit, then back from Kafka); it is
 * handed on once, and {@link #wants} lets the Kafka side skip the copy without parsing it.
 */
@ApplicationScoped
public class SignalHub {

    /** A followed session's listeners and the highest version handed to them. */
    private static final class Followers {
        final Set<Consumer<SessionSnapshot>> listeners = ConcurrentHashMap.newKeySet();
        final AtomicLong delivered = new AtomicLong();
    }

    private final Map<UUID, Followers> followed = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    public SignalHub(MeterRegistry registry) {
        registry.gauge("rendezvous.sse.subscribers", count);
    }

    /** Registers a listener for one session's signals; close the returned handle to stop. */
    public AutoCloseable subscribe(UUID sessionId, Consumer<SessionSnapshot> listener) {
        // Adding and removing both run inside the map's per-key compute, so a listener can never be
        // added to a set that a concurrent unsubscribe has just dropped from the map.
        followed.compute(sessionId, (id, followers) -> {
            Followers f = followers == null ? new Followers() : followers;
            f.listeners.add(listener);
            return f;
        });
        count.incrementAndGet();
        return () -> {
            followed.computeIfPresent(sessionId, (id, f) -> {
                f.listeners.remove(listener);
                return f.listeners.isEmpty() ? null : f;
            });
            count.decrementAndGet();
        };
    }

    /** Whether anyone on this replica follows the session: most signals concern sessions followed elsewhere. */
    public boolean isFollowed(UUID sessionId) {
        return followed.containsKey(sessionId);
    }

    /** Whether a version would reach anyone here: the session is followed and the version not handed on yet. */
    public boolean wants(UUID sessionId, long version) {
        Followers f = followed.get(sessionId);
        return f != null && version > f.delivered.get();
    }

    public void publish(SessionSnapshot view) {
        Followers f = followed.get(view.sessionId());
        if (f == null) {
            return;
        }
        long before = f.delivered.getAndAccumulate(view.version(), Math::max);
        if (view.version() > before) {
            f.listeners.forEach(listener -> listener.accept(view));
        }
    }
}
