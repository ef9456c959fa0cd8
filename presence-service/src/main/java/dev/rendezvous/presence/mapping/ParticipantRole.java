package dev.rendezvous.presence.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.presence.ParticipantEvent.Problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a participant's role and user id from, in this order, its metadata JSON, its attributes and
 * its identity ({@code <role>-<userId>}), and records every disagreement between them.
 */
public final class ParticipantRole {

    public static final String UNKNOWN = "unknown";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param source where the role was read ({@code metadata}, {@code attributes}, {@code identity}, {@code none})
     * @param sessionId the session id the metadata or attributes name, or null
     */
    public record Reading(String role, String source, String userId, String sessionId, List<Problem> problems) {
    }

    private ParticipantRole() {
    }

    public static Reading read(String identity, String metadata, Map<String, String> attributes) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Claims> claims = new LinkedHashMap<>();
        fromMetadata(metadata, problems).ifPresent(c -> claims.put("metadata", c));
        Claims attributeClaims = new Claims(blankToNull(attributes.get("role")), blankToNull(attributes.get("userId")),
                blankToNull(attributes.get("sessionId")));
        if (!attributeClaims.isEmpty()) {
            claims.put("attributes", attributeClaims);
        }
        Optional<Names.Identity> named = Names.identity(identity);
        if (named.isPresent()) {
            claims.put("identity", new Claims(named.get().role(), named.get().userId(), null));
        } else {
            problems.add(new Problem("identity-malformed", "identity '" + identity + "' is not '<customer|mechanic>-<userId>'"));
        }

        String role = null;
        String source = "none";
        for (Map.Entry<String, Claims> entry : claims.entrySet()) {
            if (entry.getValue().role() != null) {
                role = entry.getValue().role();
                source = entry.getKey();
                break;
            }
        }
        if (role != null && !role.equals("customer") && !role.equals("mechanic")) {
            problems.add(new Problem("role-invalid", "role '" + role + "' from " + source + " is neither customer nor mechanic"));
            role = null;
        }
        if (role == null) {
            problems.add(new Problem("role-missing", "no role in metadata, attributes or identity of '" + identity + "'"));
        }
        disagreements(claims, "role", Claims::role, "role-contradiction", problems);
        disagreements(claims, "userId", Claims::userId, "user-id-contradiction", problems);
        disagreements(claims, "sessionId", Claims::sessionId, "session-id-contradiction", problems);

        String userId = claims.values().stream().map(Claims::userId).filter(v -> v != null).findFirst().orElse(null);
        String sessionId = claims.values().stream().map(Claims::sessionId).filter(v -> v != null).findFirst().orElse(null);
        return new Reading(role == null ? UNKNOWN : role, role == null ? "none" : source, userId, sessionId, problems);
    }

    private static Optional<Claims> fromMetadata(String metadata, List<Problem> problems) {
        if (metadata == null || metadata.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(metadata);
            if (!node.isObject()) {
                problems.add(new Problem("metadata-not-json", "metadata is not a JSON object: " + abbreviate(metadata)));
                return Optional.empty();
            }
            Claims claims = new Claims(text(node, "role"), text(node, "userId"), text(node, "sessionId"));
            return claims.isEmpty() ? Optional.empty() : Optional.of(claims);
        } catch (Exception e) {
            problems.add(new Problem("metadata-not-json", "metadata is not JSON: " + abbreviate(metadata)));
            return Optional.empty();
        }
    }

    private static void disagreements(Map<String, Claims> claims, String field,
                                      Function<Claims, String> value, String code, List<Problem> problems) {
        Map<String, String> seen = new LinkedHashMap<>();
        claims.forEach((source, c) -> {
            if (value.apply(c) != null) {
                seen.put(source, value.apply(c));
            }
        });
        if (seen.values().stream().distinct().count() > 1) {
            problems.add(new Problem(code, field + " differs between sources: " + seen));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : blankToNull(value.asText());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    private record Claims(String role, String userId, String sessionId) {
        boolean isEmpty() {
            return role == null && userId == null && sessionId == null;
        }
    }
}
