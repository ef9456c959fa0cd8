package dev.rendezvous.session.diagnosis;

import java.time.Instant;
import java.util.List;

/**
 * One event from a session's timeline, read for diagnosis: what LiveKit, token-service or
 * reconciliation reported, and what the fold made of it.
 */
public record Observed(String eventId, String type, String room, String identity, String role, String roleSource,
                       String userId, String disconnectReason, List<String> problems, Instant occurredAt,
                       Instant receivedAt, Instant expiresAt, String outcome) {

    public boolean is(String suffix) {
        return type != null && type.endsWith(suffix);
    }

    public boolean isWebhook() {
        return type != null && (type.startsWith("rendezvous.participant.") || type.startsWith("rendezvous.room.")
                || type.startsWith("rendezvous.track."));
    }

    public boolean isToken() {
        return "rendezvous.token.issued".equals(type);
    }

    public boolean isJoin() {
        return "rendezvous.participant.joined".equals(type);
    }

    public boolean isReconciliation() {
        return eventId != null && eventId.startsWith("reconcile:");
    }
}
