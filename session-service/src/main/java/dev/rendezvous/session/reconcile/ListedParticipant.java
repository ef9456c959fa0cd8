package dev.rendezvous.session.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.session.fold.MediaSource;
import dev.rendezvous.session.fold.Role;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A participant as LiveKit's RoomService lists it, with the tracks it publishes (by track sid). Its
 * role is read as presence-service reads a webhook's: metadata JSON, then attributes, then the
 * identity prefix.
 */
public record ListedParticipant(String sid, String identity, String metadata, Map<String, String> attributes,
                                Instant joinedAt, Map<String, MediaSource> tracks) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ListedParticipant {
        tracks = Map.copyOf(tracks);
    }

    public ListedParticipant(String sid, String identity, String metadata, Map<String, String> attributes, Instant joinedAt) {
        this(sid, identity, metadata, attributes, joinedAt, Map.of());
    }

    public Optional<Role> role() {
        return Role.fromWire(claim("role")).or(() -> Role.fromWire(attributes.get("role")))
                .or(() -> Role.fromWire(identityPart(0)));
    }

    public String userId() {
        String fromMetadata = claim("userId");
        if (fromMetadata != null) {
            return fromMetadata;
        }
        return attributes.containsKey("userId") ? attributes.get("userId") : identityPart(1);
    }

    private String claim(String field) {
        try {
            JsonNode node = metadata == null || metadata.isBlank() ? null : JSON.readTree(metadata);
            return node == null || !node.hasNonNull(field) ? null : node.get(field).asText();
        } catch (Exception e) {
            return null;
        }
    }

    private String identityPart(int index) {
        int dash = identity == null ? -1 : identity.indexOf('-');
        if (dash < 0) {
            return null;
        }
        return index == 0 ? identity.substring(0, dash) : identity.substring(dash + 1);
    }
}
