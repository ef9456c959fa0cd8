package dev.rendezvous.presence.mapping;

import dev.rendezvous.presence.ParticipantEvent.Problem;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of ARCHITECTURE.md ("Names") as presence-service reads them from LiveKit: the room
 * (canonically {@code session-<uuid>} in lower case) and the participant identity
 * ({@code <customer|mechanic>-<userId>}).
 */
public final class Names {

    private static final Pattern CANONICAL = Pattern.compile(
            "session-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final Pattern ANY_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern IDENTITY = Pattern.compile("(customer|mechanic)-(.+)");

    private Names() {
    }

    /** The session id a room names (or null) and the problems with the name. */
    public record Room(String sessionId, List<Problem> problems) {
    }

    /** What an identity names: the role exactly as written, and the user. */
    public record Identity(String role, String userId) {
    }

    /** The role and user an identity names; empty when it is not {@code <customer|mechanic>-<userId>}. */
    public static Optional<Identity> identity(String identity) {
        Matcher m = IDENTITY.matcher(identity == null ? "" : identity);
        return m.matches() ? Optional.of(new Identity(m.group(1), m.group(2))) : Optional.empty();
    }

    public static Room room(String room) {
        if (room == null || room.isEmpty()) {
            return new Room(null, List.of(new Problem("room-missing", "the event names no room")));
        }
        Matcher canonical = CANONICAL.matcher(room);
        if (canonical.matches()) {
            return new Room(canonical.group(1), List.of());
        }
        Matcher uuid = ANY_UUID.matcher(room);
        if (uuid.find()) {
            String sessionId = uuid.group().toLowerCase(Locale.ROOT);
            return new Room(sessionId, List.of(new Problem("room-name-not-canonical",
                    "room '" + room + "' contains session id " + sessionId + " but is not 'session-" + sessionId + "'")));
        }
        return new Room(null, List.of(new Problem("room-without-session-id",
                "room '" + room + "' names no session id; expected 'session-<uuid>'")));
    }
}
