package dev.rendezvous.presence.service;

import dev.rendezvous.kernel.wire.ParticipantEvent;
import io.smallrye.mutiny.Uni;

/** Where participant events go: {@code participant-events} (messaging's ParticipantEventPublisher). */
public interface ParticipantEvents {

    /** Completes once the broker holds the record; fails with {@link Unavailable} when it does not in time. */
    Uni<Void> publish(ParticipantEvent event);

    /** The broker did not take the record in time; the webhook is answered 503 so LiveKit retries. */
    class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }
}
