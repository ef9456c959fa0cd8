package dev.rendezvous.session.service;

import dev.rendezvous.session.fold.PresenceEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * One event on its way into the write path: the typed event the fold and the timeline read, and,
 * as evidence only, the record it arrived as.
 *
 * @param sessionId the session the event names, or null when none could be read (it is still kept)
 * @param record the Kafka record it was read from, kept as evidence; null for events of this service's own
 * @param traceParent the W3C traceparent of the span folding it, stored with the signal it causes; null when untraced
 * @param receivedAt when presence-service received the webhook it came from (readiness latency counts from
 *                   here); null for events of this service's own
 */
public record SessionEvent(UUID sessionId, PresenceEvent event, String record, String traceParent, Instant receivedAt) {

    /** An event this service makes itself (reconciliation, expiry, an explicit end): no record behind it. */
    public SessionEvent(UUID sessionId, PresenceEvent event) {
        this(sessionId, event, null, null, null);
    }

    /** An event read from a Kafka record. */
    public SessionEvent(UUID sessionId, PresenceEvent event, String record) {
        this(sessionId, event, record, null, null);
    }

    public SessionEvent receivedAt(Instant receivedAt) {
        return new SessionEvent(sessionId, event, record, traceParent, receivedAt);
    }

    public SessionEvent tracedAs(String traceParent) {
        return new SessionEvent(sessionId, event, record, traceParent, receivedAt);
    }
}
