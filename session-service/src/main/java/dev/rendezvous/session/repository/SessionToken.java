package dev.rendezvous.session.repository;

import java.time.Instant;
import java.util.UUID;

/**
 * The tokens minted for one role of a session (a row of {@code session_tokens}): the latest, when the
 * first was minted, and how many.
 *
 * @param role {@code customer} or {@code mechanic} (a supervisor's tokens are not kept: they decide nothing)
 * @param issuedAt when the latest was minted
 * @param expiresAt when the latest stops being usable to join
 */
public record SessionToken(UUID sessionId, String role, String userId, String identity, String room, Instant firstIssuedAt,
                           Instant issuedAt, Instant expiresAt, String eventId, long minted) {
}
