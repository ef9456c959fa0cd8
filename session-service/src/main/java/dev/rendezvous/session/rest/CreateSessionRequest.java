package dev.rendezvous.session.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.kernel.Refusal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /v1/sessions}, read strictly: exactly {@code customerId} and {@code mechanicId},
 * two different users. Anything else is a 400 that names the field and what to send: a typo such as
 * {@code customer_id} would otherwise read as a missing id, and an unknown field as one ignored silently.
 */
@Schema(name = "CreateSession", description = "The session's roster: who is the customer, who is the mechanic")
public record CreateSessionRequest(
        @Schema(required = true, description = "the customer's user id (their JWT's sub)", examples = "customer-42") String customerId,
        @Schema(required = true, description = "the mechanic's user id (their JWT's sub); not the customer's",
                examples = "mechanic-7") String mechanicId) {

    static final String SHAPE = "send {\"customerId\": \"<the customer's JWT sub>\", \"mechanicId\": \"<the mechanic's JWT sub>\"}";

    private static final Set<String> FIELDS = Set.of("customerId", "mechanicId");
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
        String customerId = RequestIds.userId("customerId", text(body, "customerId", "the customer's"));
        String mechanicId = RequestIds.userId("mechanicId", text(body, "mechanicId", "the mechanic's"));
        if (customerId.equals(mechanicId)) {
            throw Refusal.invalid("one-user-one-role", "customerId and mechanicId are the same user ('" + customerId
                    + "'): a user holds one role in a session");
        }
        return new CreateSessionRequest(customerId, mechanicId);
    }

    private static String text(JsonNode body, String field, String whose) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw Refusal.invalid("missing-field", field + " is required: " + whose + " user id (their JWT's sub); " + SHAPE);
        }
        if (!value.isTextual()) {
            throw Refusal.invalid("bad-user-id", field + " must be a string, got " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return value.textValue();
    }
}
