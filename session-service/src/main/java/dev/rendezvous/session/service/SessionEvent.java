package dev.rendezvous.session.service;

import dev.rendezvous.session.fold.PresenceEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * One event on its way into the write path: what the fold reads, and, for the timeline, its
 * CloudEvents type and the form it arrived in.
 *
 * @param sessionId the session the event names, or null when none could be read (it is still kept)
 * @param traceParent the W3C traceparent of the span folding it, stored with the signal it causes; null when untraced
 * @param receivedAt when presence-service received the webhook it came from (readiness latency counts from
 *                   here); null for events of this service's own
 */
public record SessionEvent(UUID sessionId, PresenceEvent event, String type, String payload, String traceParent,
                           Instant receivedAt) {

    public SessionEvent(UUID sessionId, PresenceEvent event, String type, String payload) {
        this(sessionId, event, type, payload, null, null);
    }

    public SessionEvent receivedAt(Instant receivedAt) {
        return new SessionEvent(sessionId, event, type, payload, traceParent, receivedAt);
    }

    public SessionEvent tracedAs(String traceParent) {
        return new SessionEvent(sessionId, event, type, payload, traceParent, receivedAt);
    }
}
