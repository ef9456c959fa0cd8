package dev.rendezvous.session.service;

import java.util.Collection;
import java.util.UUID;

/**
 * Publishes the outbox signals of sessions whose change was just committed (messaging's SignalRelay,
 * to session-signals). The write path hands them over without waiting; the outbox keeps them until
 * they are published, so a relay that fails or a replica that dies loses nothing.
 */
public interface OutboxRelay {

    /** Publishes the sessions' pending signals soon; never blocks. */
    void publishSoon(Collection<UUID> sessions);
}
