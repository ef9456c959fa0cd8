package dev.rendezvous.session.service;

import java.util.UUID;

/**
 * Which sessions this replica answers for in periodic work: those on the participant-events partitions
 * it folds (the key is the session id). Each replica reconciles and checks the deadlines of its own
 * sessions, so adding a replica divides the work; no lease makes one replica do it for the cluster.
 */
public interface Partitions {

    /** Whether the session's partition is one this replica folds now. */
    boolean owns(UUID sessionId);

    /** Whether this replica folds any partition now (none while it joins the group, or when it has none). */
    boolean ownsAny();
}
