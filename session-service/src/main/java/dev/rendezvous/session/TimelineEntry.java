package dev.rendezvous.session;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One event the services saw about a session, with what the fold made of it; kept for diagnosis. */
@Entity
@Table(name = "session_timeline")
public class TimelineEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID sessionId;
    public String eventId;
    public String type;
    public String room;
    public String identity;
    public Instant occurredAt;
    public Instant receivedAt;
    public String outcome;
    /** The event as it arrived (JSON). */
    public String payload;
}
