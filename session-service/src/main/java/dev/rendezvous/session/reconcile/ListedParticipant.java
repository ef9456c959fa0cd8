package dev.rendezvous.session.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.session.SessionIds;
import dev.rendezvous.session.fold.MediaSource;
import dev.rendezvous.session.fold.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A participant as LiveKit's RoomService lists it, with the tracks it publishes (by track sid).
 * Session-service's one rule for reading a participant's role, as strict as presence-service reads a
 * webhook's (ARCHITECTURE.md, "Names"): metadata JSON, then attributes, then the identity
 * {@code <customer|mechanic>-<userId>}; the first that names a role wins, a role other than
 * {@code customer} or {@code mechanic} counts as none, and every disagreement is a problem.
 */
public record ListedParticipant(String sid, String identity, String metadata, Map<String, String> attributes,
                                Instant joinedAt, Map<String, MediaSource> tracks) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param source {@code metadata}, {@code attributes}, {@code identity}, or {@code none} when no role was read
     * @param problems codes as presence-service names them ({@code role-missing}, {@code identity-malformed}, …)
     */
    public record Reading(Role role, String source, String userId, List<String> problems) {
    }

    public ListedParticipant {
        tracks = Map.copyOf(tracks);
        attributes = attributes == null ? Map.of() : attributes;
    }

    public ListedParticipant(String sid, String identity, String metadata, Map<String, String> attributes, Instant joinedAt) {
        this(sid, identity, metadata, attributes, joinedAt, Map.of());
    }

    public Reading reading() {
        List<String> problems = new ArrayList<>();
        Map<String, Claims> claims = new LinkedHashMap<>();
        fromMetadata(problems).ifPresent(c -> claims.put("metadata", c));
        Claims fromAttributes = new Claims(blankToNull(attributes.get("role")), blankToNull(attributes.get("userId")));
        if (!fromAttributes.isEmpty()) {
            claims.put("attributes", fromAttributes);
        }
        SessionIds.identity(identity).ifPresentOrElse(named -> claims.put("identity", new Claims(named.role(), named.userId())),
                () -> problems.add("identity-malformed"));
        Map.Entry<String, Claims> first = claims.entrySet().stream().filter(e -> e.getValue().role() != null).findFirst()
                .orElse(null);
        Role role = null;
        if (first != null) {
            role = Role.fromWire(first.getValue().role()).orElse(null);
            if (role == null) {
                problems.add("role-invalid");
            }
        }
        if (role == null) {
            problems.add("role-missing");
        }
        disagreements(claims, Claims::role, "role-contradiction", problems);
        disagreements(claims, Claims::userId, "user-id-contradiction", problems);
        String userId = claims.values().stream().map(Claims::userId).filter(Objects::nonNull).findFirst().orElse(null);
        return new Reading(role, role == null ? "none" : first.getKey(), userId, List.copyOf(problems));
    }

    private Optional<Claims> fromMetadata(List<String> problems) {
        if (metadata == null || metadata.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(metadata);
            if (!node.isObject()) {
                problems.add("metadata-not-json");
                return Optional.empty();
            }
            Claims claims = new Claims(text(node, "role"), text(node, "userId"));
            return claims.isEmpty() ? Optional.empty() : Optional.of(claims);
        } catch (Exception e) {
            problems.add("metadata-not-json");
            return Optional.empty();
        }
    }

    private static void disagreements(Map<String, Claims> claims, Function<Claims, String> value, String code,
                                      List<String> problems) {
        if (claims.values().stream().map(value).filter(Objects::nonNull).distinct().count() > 1) {
            problems.add(code);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : blankToNull(value.asText());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private record Claims(String role, String userId) {
        boolean isEmpty() {
            return role == null && userId == null;
        }
    }
}
