package dev.rendezvous.token.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.kernel.Refusal;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.token.service.TokenService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Locale;
import java.util.Map;

/**
 * LiveKit's standard token request (livekit.TokenSourceRequest, in its proto field names), as
 * livekit-client's {@code TokenSource.endpoint} sends it. The room names the session; who joins, in
 * which role, with which metadata, comes from the roster and nothing else: a client that tries to set
 * its identity to another, its metadata, attributes or room configuration is refused. Fields LiveKit
 * may add later are left alone.
 */
@Schema(name = "LiveKitTokenRequest", description = "LiveKit's TokenSourceRequest, in snake case (documents the body; "
        + "requests are read by read())")
public record LiveKitTokenRequest(
        @JsonProperty("room_name") @Schema(required = true, description = "session-<sessionId>") String roomName,
        @JsonProperty("participant_name") @Schema(description = "the display name; defaults to the JWT's name claim")
        String participantName,
        @JsonProperty("participant_identity") @Schema(description = "if given, the caller's own <role>-<userId>; any other is refused")
        String participantIdentity,
        @JsonProperty("participant_metadata") @Schema(description = "refused: the metadata comes from the roster")
        String participantMetadata,
        @JsonProperty("participant_attributes") @Schema(description = "refused when not empty")
        Map<String, String> participantAttributes,
        @JsonProperty("room_config") @Schema(description = "refused: rooms are configured by the server")
        Map<String, Object> roomConfig) {

    private static final int MAX_NAME = 128;

    /** The session the request names and what the caller asked for, or a 400 that says what is wrong. */
    record Read(String sessionId, TokenService.Asked asked) {
    }

    static Read read(String text, ObjectMapper json) {
        JsonNode body;
        try {
            body = text == null || text.isBlank() ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw Refusal.invalid("unreadable-body", "the body is not JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw Refusal.invalid("unreadable-body", "send LiveKit's token request: {\"room_name\": \"session-<sessionId>\"}");
        }
        String room = text(body, "room_name");
        if (room == null) {
            throw Refusal.invalid("missing-room-name", "room_name is required: session-<sessionId>");
        }
        RoomName.Reading reading = RoomName.read(room);
        if (reading.sessionId() == null || !reading.problems().isEmpty()) {
            throw Refusal.invalid("bad-room-name", "room_name must be session-<sessionId> (lower-case UUID), got '" + room + "'");
        }
        refuseSet(body, "participant_metadata", "the metadata comes from the session's roster");
        refuseSet(body, "participant_attributes", "attributes are not set by clients");
        refuseSet(body, "room_config", "rooms are configured by the server");
        String name = text(body, "participant_name");
        if (name != null && (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl))) {
            throw Refusal.invalid("bad-participant-name", "participant_name must be at most " + MAX_NAME
                    + " characters, none of them control characters");
        }
        return new Read(reading.sessionId().toString(), new TokenService.Asked(null, blankToNull(name),
                blankToNull(text(body, "participant_identity"))));
    }

    /** A string field, null when absent or null; a 400 when it is anything else. */
    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw Refusal.invalid("unreadable-body", field + " must be a string");
        }
        return value.textValue();
    }

    /** A field the client may not set: absent, null or empty is fine (proto JSON leaves defaults out anyway). */
    private static void refuseSet(JsonNode body, String field, String why) {
        JsonNode value = body.get(field);
        boolean empty = value == null || value.isNull() || (value.isTextual() && value.textValue().isEmpty())
                || (value.isContainerNode() && value.isEmpty());
        if (!empty) {
            throw Refusal.invalid(field.replace('_', '-').toLowerCase(Locale.ROOT) + "-not-allowed", field + " is refused: " + why);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
