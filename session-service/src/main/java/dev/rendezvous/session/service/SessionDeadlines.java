package dev.rendezvous.session.service;

import dev.rendezvous.kernel.wire.SessionDeadline;
import io.smallrye.mutiny.Uni;

/**
 * Where a session's deadline is sent to be folded: the session's participant-events partition, behind
 * every webhook already recorded there (messaging's DeadlinePublisher).
 */
public interface SessionDeadlines {

    /** Completes once the broker holds the record. */
    Uni<Void> send(SessionDeadline deadline);
}
