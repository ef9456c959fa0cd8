package dev.rendezvous.session.service;

import dev.rendezvous.session.fold.SessionEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * One event on its way into the write path: the typed event the fold and the timeline read, the
 * session it names, and, as evidence only, the record it arrived as.
 *
 * @param sessionId the session the event names, or null when none could be read (it is still kept)
 * @param record the Kafka record it was read from, kept as evidence; null for events of this service's own
 * @param traceParent the W3C traceparent of the span folding it, stored with the signal it causes; null when untraced
 * @param receivedAt when presence-service received the webhook it came from (readiness latency counts from
 *                   here); null for events of this service's own
 */
public record Envelope(UUID sessionId, SessionEvent event, String record, String traceParent, Instant receivedAt) {

    /** An event this service makes itself (reconciliation, an explicit end): no record behind it. */
    public Envelope(UUID sessionId, SessionEvent event) {
        this(sessionId, event, null, null, null);
    }

    /** An event read from a Kafka record. */
    public Envelope(UUID sessionId, SessionEvent event, String record) {
        this(sessionId, event, record, null, null);
    }

    public Envelope receivedAt(Instant receivedAt) {
        return new Envelope(sessionId, event, record, traceParent, receivedAt);
    }

    public Envelope tracedAs(String traceParent) {
        return new Envelope(sessionId, event, record, traceParent, receivedAt);
    }
}
