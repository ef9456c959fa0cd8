package dev.rendezvous.token;

import java.time.Instant;

/** A LiveKit token and everything the page needs to join with it. */
public record TokenResponse(String serverUrl, String token, String roomName, String identity, String role,
                            Instant expiresAt) {

    /** A customer's grant, for the OpenAPI document (the token shortened). */
    public static final String EXAMPLE = """
            {"serverUrl": "wss://livekit.example.com", "token": "eyJhbGciOiJIUzI1NiJ9.eyJ2aWRlbyI6eyJyb29tIjoi…",
             "roomName": "session-3f0a7c52-6b1e-4d8f-9a27-5c4e1d2b8f60", "identity": "customer-c-1", "role": "customer",
             "expiresAt": "2026-11-27T09:10:52Z"}""";
}
