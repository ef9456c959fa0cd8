package dev.rendezvous.session.repository;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One event the services saw about a session, with what the fold made of it; kept for diagnosis.
 * Its facts are columns of their own; the record it arrived as is kept beside them as evidence only.
 */
public class TimelineEntry {

    public Long id;
    public UUID sessionId;
    public String eventId;
    /** The CloudEvents type (PresenceEvent#type). */
    public String type;
    /** Who reported it: a PresenceEvent.Origin name. */
    public String origin;
    public String room;
    public String identity;
    /** {@code customer}, {@code mechanic}, or null when the event claims no readable role. */
    public String role;
    public String roleSource;
    public String userId;
    /** The problem codes found, comma-separated; null when none. */
    public String problems;
    /** LiveKit's disconnect reason, why the session was ended, a track's source, or a deadline's check. */
    public String reason;
    public Instant tokenExpiresAt;
    /** A reception report's: what the page played of the other role; null for other events. */
    public Boolean receivesVideo;
    public Boolean receivesAudio;
    public Instant occurredAt;
    public Instant receivedAt;
    public String outcome;
    /** The Kafka record the event was read from, as evidence; null for events of session-service's own. */
    public String payload;
    /** What LiveKit says the participant is, when it is not a person's page (AGENT, EGRESS, …); null otherwise. */
    public String participantKind;

    public List<String> problemCodes() {
        return problems == null || problems.isEmpty() ? List.of() : Arrays.asList(problems.split(","));
    }
}
