package dev.rendezvous.session.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.testing.Kafka;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** participant-events records shaped as presence-service writes them, sent to the real broker. */
public final class ParticipantEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ParticipantEvents() {
    }

    public static String joined(Sessions.Created s, String role, String sid) {
        return record(s, "rendezvous.participant.joined", role, sid, null);
    }

    public static String left(Sessions.Created s, String role, String sid, String reason) {
        return record(s, "rendezvous.participant.left", role, sid, reason);
    }

    /**
     * A participant that is not a person's page (LiveKit kind AGENT, EGRESS, …), joining or leaving;
     * {@code claims} is the role whose metadata its token copied (and that role's roster user), or null.
     */
    public static String service(Sessions.Created s, String type, String kind, String identity, String sid, String claims) {
        Map<String, Object> value = fields(s, type, claims == null ? "customer" : claims, sid, Instant.now());
        value.put("kind", kind);
        value.put("identity", identity);
        if (claims == null) {
            value.put("role", "unknown");
            value.put("roleSource", "none");
            value.put("userId", null);
        }
        return json(value);
    }

    /** A person's page of any member, by role and user id (a supervisor, or a stranger claiming a role). */
    public static String member(Sessions.Created s, String type, String role, String userId, String sid) {
        Map<String, Object> value = fields(s, type, role, sid, Instant.now());
        value.put("identity", role + "-" + userId);
        value.put("userId", userId);
        return json(value);
    }

    /** A track_published or track_unpublished of the role's sid, as presence-service maps it. */
    public static String track(Sessions.Created s, String type, String role, String sid, String trackSid, String source) {
        Map<String, Object> value = fields(s, type, role, sid, Instant.now());
        value.put("trackSid", trackSid);
        value.put("trackSource", source);
        return json(value);
    }

    public static String record(Sessions.Created s, String type, String role, String sid, String reason) {
        return record(s, type, role, sid, reason, Instant.now());
    }

    public static String record(Sessions.Created s, String type, String role, String sid, String reason, Instant at) {
        Map<String, Object> value = fields(s, type, role, sid, at);
        value.put("disconnectReason", reason);
        return json(value);
    }

    /** What every participant record carries: the event, the session, and the role's participant. */
    private static Map<String, Object> fields(Sessions.Created s, String type, String role, String sid, Instant at) {
        String user = "customer".equals(role) ? s.customerId() : s.mechanicId();
        Map<String, Object> value = new HashMap<>();
        value.put("eventId", "EV_" + UUID.randomUUID());
        value.put("type", type);
        value.put("sessionId", s.id().toString());
        value.put("room", s.room());
        value.put("identity", role + "-" + user);
        value.put("participantSid", sid);
        value.put("role", role);
        value.put("roleSource", "metadata");
        value.put("userId", user);
        value.put("createdAt", at.toString());
        value.put("receivedAt", Instant.now().toString());
        value.put("problems", List.of());
        value.put("disconnectReason", null);
        value.put("trackSid", null);
        value.put("trackSource", null);
        return value;
    }

    private static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token-events record as token-service writes it. */
    public static void tokenIssued(Sessions.Created s, String role) {
        Kafka.send("token-events", s.id().toString(), tokenRecord(s, role, UUID.randomUUID().toString(), Instant.now()));
    }

    /** The value of a token-events record as token-service writes it. */
    public static String tokenRecord(Sessions.Created s, String role, String eventId, Instant issuedAt) {
        String user = "customer".equals(role) ? s.customerId() : s.mechanicId();
        Map<String, Object> value = new HashMap<>();
        value.put("eventId", eventId);
        value.put("type", "rendezvous.token.issued");
        value.put("sessionId", s.id().toString());
        value.put("userId", user);
        value.put("role", role);
        value.put("identity", role + "-" + user);
        value.put("room", s.room());
        value.put("issuedAt", issuedAt.toString());
        value.put("expiresAt", issuedAt.plusSeconds(600).toString());
        return json(value);
    }

    public static void send(Sessions.Created s, String json) {
        Kafka.send("participant-events", s.id().toString(), json);
    }
}
