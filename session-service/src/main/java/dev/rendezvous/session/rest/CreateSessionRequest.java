package dev.rendezvous.session.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.kernel.Refusal;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.session.fold.Member;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /v1/sessions}, read strictly: {@code customerId} and {@code mechanicId}, or the
 * general form {@code members: [{userId, role}]} with one customer, one mechanic and up to
 * {@value #MAX_SUPERVISORS} supervisors; each user once either way. Anything else is a 400 that names the field and what to send: a typo such as
 * {@code customer_id} would otherwise read as a missing id, and an unknown field as one ignored silently.
 */
@Schema(name = "CreateSession", description = "The session's roster: who is the customer, who is the mechanic, who may "
        + "look in as a supervisor. Either customerId and mechanicId, or members (the general form); not both")
public record CreateSessionRequest(
        @Schema(description = "the customer's user id (their JWT's sub)", examples = "customer-42") String customerId,
        @Schema(description = "the mechanic's user id (their JWT's sub); not the customer's", examples = "mechanic-7")
        String mechanicId,
        @Schema(description = "the roster as members: exactly one customer, one mechanic, and up to 10 supervisors (hidden "
                + "in the room, subscribe-only, never counted for READY); each user once")
        List<MemberRequest> members) {

    /** One member of the roster in the general form. */
    @Schema(name = "Member")
    public record MemberRequest(@Schema(required = true) String userId,
                                @Schema(required = true, enumeration = {"customer", "mechanic", "supervisor"}) String role) {
    }

    /** How many supervisors a session takes: each is a member row and a roster entry every token-service replica keeps. */
    static final int MAX_SUPERVISORS = 10;

    /** The roster in its order: the customer, the mechanic, then the supervisors as named. */
    List<Member> roster() {
        if (members == null) {
            return List.of(Member.invited(customerId, Role.CUSTOMER), Member.invited(mechanicId, Role.MECHANIC));
        }
        List<Member> roster = new ArrayList<>();
        for (Role role : Role.values()) {
            members.stream().filter(m -> m.role().equals(role.wire())).forEach(m -> roster.add(Member.invited(m.userId(), role)));
        }
        return List.copyOf(roster);
    }

    static final String SHAPE = "send {\"customerId\": \"<the customer's JWT sub>\", \"mechanicId\": \"<the mechanic's JWT sub>\"}"
            + " or {\"members\": [{\"userId\": \"…\", \"role\": \"customer\"}, {\"userId\": \"…\", \"role\": \"mechanic\"}]}";

    private static final Set<String> FIELDS = Set.of("customerId", "mechanicId", "members");
    private static final Set<String> MEMBER_FIELDS = Set.of("userId", "role");
    /** Spellings integrators send that mean a known field. */
    private static final Map<String, String> MEANT = Map.of("customer_id", "customerId", "mechanic_id", "mechanicId",
            "customerid", "customerId", "mechanicid", "mechanicId", "customer", "customerId", "mechanic", "mechanicId");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The roster a body holds, or a 400 that says what is wrong with it. */
    static CreateSessionRequest read(String text) {
        if (text == null || text.isBlank()) {
            throw Refusal.invalid("missing-body", SHAPE);
        }
        JsonNode body;
        try {
            body = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw Refusal.invalid("unreadable-body", "the body is not JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw Refusal.invalid("unreadable-body", "the body must be a JSON object; " + SHAPE);
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                String meant = MEANT.get(name.toLowerCase(java.util.Locale.ROOT));
                throw Refusal.invalid("unknown-field", "unknown field '" + name + "'"
                        + (meant == null ? "" : " (did you mean '" + meant + "'?)") + "; " + SHAPE);
            }
        });
        if (body.has("members")) {
            if (body.has("customerId") || body.has("mechanicId")) {
                throw Refusal.invalid("unreadable-body", "send either customerId and mechanicId, or members, not both");
            }
            return ofMembers(body.get("members"));
        }
        String customerId = RequestIds.userId("customerId", text(body, "customerId", "customerId", "the customer's user id (their JWT's sub)"));
        String mechanicId = RequestIds.userId("mechanicId", text(body, "mechanicId", "mechanicId", "the mechanic's user id (their JWT's sub)"));
        return distinct(customerId, mechanicId, null);
    }

    /** The general form: one customer and one mechanic, each {userId, role}, nothing else. */
    private static CreateSessionRequest ofMembers(JsonNode members) {
        if (!members.isArray() || members.isEmpty()) {
            throw Refusal.invalid("bad-members", "members must be a list of {\"userId\": \"…\", \"role\": \"customer\"|\"mechanic\"|\"supervisor\"}");
        }
        if (members.size() > Role.REQUIRED.size() + MAX_SUPERVISORS) {
            throw Refusal.invalid("bad-members", "members name " + members.size() + " users: a session has one customer, one "
                    + "mechanic and at most " + MAX_SUPERVISORS + " supervisors");
        }
        Map<Role, String> byRole = new EnumMap<>(Role.class);
        Map<String, String> roleOfUser = new HashMap<>();
        List<MemberRequest> read = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            JsonNode member = members.get(i);
            String at = "members[" + i + "]";
            if (!member.isObject()) {
                throw Refusal.invalid("bad-members", at + " must be an object {\"userId\": \"…\", \"role\": \"…\"}");
            }
            member.fieldNames().forEachRemaining(name -> {
                if (!MEMBER_FIELDS.contains(name)) {
                    throw Refusal.invalid("unknown-field", "unknown field '" + name + "' in " + at + ": a member has userId and role");
                }
            });
            String roleText = text(member, "role", at + ".role", Role.inWords());
            Role role = Role.fromWire(roleText).orElseThrow(() -> Refusal.invalid("role-not-supported",
                    at + ".role must be " + Role.inWords() + ", got '" + roleText + "'"));
            String userId = RequestIds.userId(at + ".userId", text(member, "userId", at + ".userId", "the member's user id (their JWT's sub)"));
            if (role.isRequired() && byRole.putIfAbsent(role, userId) != null) {
                throw Refusal.invalid("bad-members", "members name more than one " + role.wire() + ": a session has one");
            }
            String earlier = roleOfUser.putIfAbsent(userId, role.wire());
            if (earlier != null) {
                throw Refusal.invalid("one-user-one-role", at + " names '" + userId + "' again (already the " + earlier
                        + "): a user holds one role in a session");
            }
            read.add(new MemberRequest(userId, role.wire()));
        }
        for (Role role : Role.REQUIRED) {
            if (!byRole.containsKey(role)) {
                throw Refusal.invalid("missing-field", "members name no " + role.wire() + ": a session has one customer and one mechanic");
            }
        }
        return distinct(byRole.get(Role.CUSTOMER), byRole.get(Role.MECHANIC), read);
    }

    private static CreateSessionRequest distinct(String customerId, String mechanicId, List<MemberRequest> members) {
        if (customerId.equals(mechanicId)) {
            throw Refusal.invalid("one-user-one-role", "customerId and mechanicId are the same user ('" + customerId
                    + "'): a user holds one role in a session");
        }
        return new CreateSessionRequest(customerId, mechanicId, members);
    }

    /** A string field, or a 400 naming it and what it holds. */
    private static String text(JsonNode body, String field, String named, String meaning) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw Refusal.invalid("missing-field", named + " is required: " + meaning + "; " + SHAPE);
        }
        if (!value.isTextual()) {
            throw Refusal.invalid("bad-user-id", named + " must be a string, got " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return value.textValue();
    }
}
