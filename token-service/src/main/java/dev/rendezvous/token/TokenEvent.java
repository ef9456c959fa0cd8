package dev.rendezvous.token;

import java.time.Instant;

/** A record of {@code token-events}: a LiveKit token was minted (ARCHITECTURE.md, "Kafka topics"). */
public record TokenEvent(String eventId, String type, String sessionId, String userId, String role, String identity,
                         String room, Instant issuedAt, Instant expiresAt) {

    public static final String ISSUED = "rendezvous.token.issued";
}
