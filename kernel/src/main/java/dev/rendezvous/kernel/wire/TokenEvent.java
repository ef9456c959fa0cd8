package dev.rendezvous.kernel.wire;

import java.time.Instant;

/** A record of {@code token-events} (contracts/schemas/token-event.json): a LiveKit token was minted. */
public record TokenEvent(String eventId, String type, String sessionId, String userId, String role, String identity,
                         String room, Instant issuedAt, Instant expiresAt) {

    public static final String ISSUED = "rendezvous.token.issued";
}
