package dev.rendezvous.session.service;

import dev.rendezvous.kernel.wire.SessionSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** This replica's fan-out of session signals to its SSE subscribers. Never blocks the publisher. */
@ApplicationScoped
public class SignalHub {

    private final Map<UUID, Set<Consumer<SessionSnapshot>>> subscribers = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    public SignalHub(MeterRegistry registry) {
        registry.gauge("rendezvous.sse.subscribers", count);
    }

    /** Registers a listener for one session's signals; close the returned handle to stop. */
    public AutoCloseable subscribe(UUID sessionId, Consumer<SessionSnapshot> listener) {
        // Adding and removing both run inside the map's per-key compute, so a listener can never be
        // added to a set that a concurrent unsubscribe has just dropped from the map.
        subscribers.compute(sessionId, (id, set) -> {
            Set<Consumer<SessionSnapshot>> listeners = set == null ? ConcurrentHashMap.newKeySet() : set;
            listeners.add(listener);
            return listeners;
        });
        count.incrementAndGet();
        return () -> {
            subscribers.computeIfPresent(sessionId, (id, set) -> {
                set.remove(listener);
                return set.isEmpty() ? null : set;
            });
            count.decrementAndGet();
        };
    }

    /** Whether anyone on this replica follows the session: most signals concern sessions followed elsewhere. */
    public boolean isFollowed(UUID sessionId) {
        return subscribers.containsKey(sessionId);
    }

    public void publish(SessionSnapshot view) {
        Set<Consumer<SessionSnapshot>> listeners = subscribers.get(view.sessionId());
        if (listeners != null) {
            listeners.forEach(listener -> listener.accept(view));
        }
    }
}
