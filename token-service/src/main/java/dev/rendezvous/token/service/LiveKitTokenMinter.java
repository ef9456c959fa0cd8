package dev.rendezvous.token.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.kernel.Identity;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.token.config.LiveKitConfig;
import io.livekit.server.AccessToken;
import io.livekit.server.CanPublish;
import io.livekit.server.CanPublishData;
import io.livekit.server.CanSubscribe;
import io.livekit.server.CanUpdateOwnMetadata;
import io.livekit.server.Hidden;
import io.livekit.server.RoomJoin;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Mints LiveKit access tokens through the official SDK, with the canonical room, identity, metadata
 * and attributes; a customer or mechanic may publish and subscribe, a supervisor is hidden and may only
 * subscribe, and nobody may change their own metadata (their role).
 */
@ApplicationScoped
public class LiveKitTokenMinter {

    /** The grant, and the room and identity it names (the same names every other part uses). */
    public record Minted(String jwt, Instant expiresAt, String room, String identity) {
    }

    private final LiveKitConfig config;
    private final ObjectMapper json;

    public LiveKitTokenMinter(LiveKitConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    public Minted mint(String sessionId, Role role, String userId, String displayName, Instant now) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("role", role.wire());
        claims.put("sessionId", sessionId);
        claims.put("userId", userId);
        String room = RoomName.of(UUID.fromString(sessionId)).value();
        String identity = Identity.of(role, userId).value();
        Instant expiresAt = now.plus(config.tokenTtl());

        AccessToken token = new AccessToken(config.apiKey().orElseThrow(), config.apiSecret().orElseThrow());
        token.setIdentity(identity);
        if (displayName != null && !displayName.isBlank()) {
            token.setName(displayName);
        }
        token.setMetadata(toJson(claims));
        token.getAttributes().putAll(claims);
        token.setNotBefore(Date.from(now));
        token.setExpiration(Date.from(expiresAt));
        // A required role publishes; a supervisor looks in unseen: hidden from the others, subscribe-only.
        boolean publishes = role.isRequired();
        token.addGrants(new RoomJoin(true), new io.livekit.server.RoomName(room) /* the grant, not the kernel's name */,
                new CanPublish(publishes), new CanSubscribe(true), new CanPublishData(publishes), new CanUpdateOwnMetadata(false),
                new Hidden(!publishes));
        return new Minted(token.toJwt(), expiresAt, room, identity);
    }

    private String toJson(Map<String, String> claims) {
        try {
            return json.writeValueAsString(claims);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
