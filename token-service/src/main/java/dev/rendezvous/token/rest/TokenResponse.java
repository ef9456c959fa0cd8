package dev.rendezvous.token.rest;

import java.time.Instant;

/** A LiveKit token and everything the page needs to join with it. */
public record TokenResponse(String serverUrl, String token, String roomName, String identity, String role,
                            Instant expiresAt) {
}
