package dev.rendezvous.session.messaging;

import java.time.Instant;

/** A record of {@code token-events}, as token-service writes it. */
public record TokenEvent(String eventId, String type, String sessionId, String userId, String role, String identity,
                         String room, Instant issuedAt, Instant expiresAt) {
}
