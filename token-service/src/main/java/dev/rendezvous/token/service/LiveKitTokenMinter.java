package dev.rendezvous.token.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.token.Names;
import dev.rendezvous.token.config.LiveKitConfig;
import io.livekit.server.AccessToken;
import io.livekit.server.CanPublish;
import io.livekit.server.CanPublishData;
import io.livekit.server.CanSubscribe;
import io.livekit.server.CanUpdateOwnMetadata;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mints LiveKit access tokens through the official SDK, with the canonical room, identity, metadata
 * and attributes; a participant may publish and subscribe but never change its own metadata (its role).
 */
@ApplicationScoped
public class LiveKitTokenMinter {

    /** A minted token and when it stops being usable to join. */
    /** The grant, and the room and identity it names (the same names every other part uses). */
    public record Minted(String jwt, Instant expiresAt, String room, String identity) {
    }

    private final LiveKitConfig config;
    private final ObjectMapper json;

    public LiveKitTokenMinter(LiveKitConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    public Minted mint(String sessionId, String role, String userId, String displayName, Instant now) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("role", role);
        claims.put("sessionId", sessionId);
        claims.put("userId", userId);
        String room = Names.room(sessionId);
        String identity = Names.identity(role, userId);
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
        token.addGrants(new RoomJoin(true), new RoomName(room), new CanPublish(true), new CanSubscribe(true),
                new CanPublishData(true), new CanUpdateOwnMetadata(false));
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
