package dev.rendezvous.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one rule for reading which role a LiveKit participant claims, for a webhook and for LiveKit's
 * participant list alike: its metadata JSON, then its attributes, then its identity
 * ({@code <role>-<userId>}); the first that names a role wins, a role other than exactly
 * {@code customer}, {@code mechanic} or {@code supervisor} counts as none, and every disagreement between them is a problem.
 * Whether the participant then counts is the session's roster's to say, not this reading's.
 *
 * @param role the role claimed, or null when none can be read
 * @param source where it was read: {@code metadata}, {@code attributes}, {@code identity}, or {@code none}
 * @param userId the user claimed (the first source that names one), or null
 * @param sessionId the session the metadata or attributes name, or null
 * @param problems codes and sentences: {@code role-missing}, {@code identity-malformed}, {@code role-contradiction}, …
 */
public record RoleReading(Role role, String source, String userId, String sessionId, List<Problem> problems) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public RoleReading {
        problems = List.copyOf(problems);
    }

    public static RoleReading of(String identity, String metadata, Map<String, String> attributes) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Claims> claims = new LinkedHashMap<>();
        fromMetadata(metadata, problems).ifPresent(c -> claims.put("metadata", c));
        Map<String, String> attrs = attributes == null ? Map.of() : attributes;
        Claims fromAttributes = new Claims(blankToNull(attrs.get("role")), blankToNull(attrs.get("userId")),
                blankToNull(attrs.get("sessionId")));
        if (!fromAttributes.isEmpty()) {
            claims.put("attributes", fromAttributes);
        }
        new Identity(identity).named().ifPresentOrElse(
                named -> claims.put("identity", new Claims(named.role(), named.userId(), null)),
                () -> problems.add(new Problem("identity-malformed", "identity '" + identity + "' is not '<" + Role.wireNames() + ">-<userId>'")));

        Map.Entry<String, Claims> first = claims.entrySet().stream().filter(e -> e.getValue().role() != null).findFirst().orElse(null);
        Role role = null;
        if (first != null) {
            role = Role.fromWire(first.getValue().role()).orElse(null);
            if (role == null) {
                problems.add(new Problem("role-invalid", "role '" + first.getValue().role() + "' from " + first.getKey()
                        + " is not " + Role.inWords()));
            }
        }
        if (role == null) {
            problems.add(new Problem("role-missing", "no role in metadata, attributes or identity of '" + identity + "'"));
        }
        disagreements(claims, "role", Claims::role, "role-contradiction", problems);
        disagreements(claims, "userId", Claims::userId, "user-id-contradiction", problems);
        disagreements(claims, "sessionId", Claims::sessionId, "session-id-contradiction", problems);
        String userId = claims.values().stream().map(Claims::userId).filter(Objects::nonNull).findFirst().orElse(null);
        String sessionId = claims.values().stream().map(Claims::sessionId).filter(Objects::nonNull).findFirst().orElse(null);
        return new RoleReading(role, role == null ? "none" : first.getKey(), userId, sessionId, problems);
    }

    /** The problems' codes, in order. */
    public List<String> problemCodes() {
        return problems.stream().map(Problem::code).toList();
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

    private static void disagreements(Map<String, Claims> claims, String field, Function<Claims, String> value, String code,
                                      List<Problem> problems) {
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
