package dev.rendezvous.session.service;

import dev.rendezvous.session.repository.OutboxSignal;
import io.smallrye.mutiny.Uni;

/** Where a signal from the outbox goes: {@code session-signals} (messaging's SignalPublisher). */
public interface Signals {

    /** Completes once the broker has acknowledged the record (the producer's own verdict, no shorter timeout). */
    Uni<Void> send(OutboxSignal signal);
}
