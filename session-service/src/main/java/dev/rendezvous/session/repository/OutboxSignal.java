package dev.rendezvous.session.repository;

import java.time.Instant;
import java.util.UUID;

/**
 * A session signal written in the same transaction as the state it describes, so a crash between
 * commit and publish loses nothing; the relay publishes it to Kafka and stamps publishedAt.
 * Kept afterwards: an SSE client resuming with Last-Event-ID is replayed from here.
 */
public class OutboxSignal {

    public Long id;
    public UUID sessionId;
    public long version;
    public String type;
    /** The snapshot (SessionSnapshot) as JSON. */
    public String payload;
    public Instant createdAt;
    public Instant publishedAt;
    /** The W3C traceparent of the fold that caused it, continued by the relay; null when untraced. */
    public String traceParent;
    /** When presence-service received the webhook that caused it; null when no webhook did. */
    public Instant causeReceivedAt;
}
