package dev.rendezvous.kernel;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A LiveKit room's name; a session's room is {@code session-<sessionId>} (docs/architecture.md, "Names"). */
public record RoomName(String value) {

    private static final Pattern CANONICAL = Pattern.compile(
            "session-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final Pattern ANY_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The room of a session. */
    public static RoomName of(UUID sessionId) {
        return new RoomName("session-" + sessionId);
    }

    /** What a room name says: the session it belongs to (null when none can be read), and what is wrong with it. */
    public record Reading(UUID sessionId, List<Problem> problems) {
    }

    /**
     * Reads a room name as LiveKit reported it: the canonical form names its session; a name that only
     * contains a session id names it too, with a problem, as does a name with none.
     */
    public static Reading read(String room) {
        if (room == null || room.isEmpty()) {
            return new Reading(null, List.of(new Problem("room-missing", "the event names no room")));
        }
        Matcher canonical = CANONICAL.matcher(room);
        if (canonical.matches()) {
            return new Reading(UUID.fromString(canonical.group(1)), List.of());
        }
        Matcher uuid = ANY_UUID.matcher(room);
        if (uuid.find()) {
            String sessionId = uuid.group().toLowerCase(Locale.ROOT);
            return new Reading(UUID.fromString(sessionId), List.of(new Problem("room-name-not-canonical",
                    "room '" + room + "' contains session id " + sessionId + " but is not 'session-" + sessionId + "'")));
        }
        return new Reading(null, List.of(new Problem("room-without-session-id",
                "room '" + room + "' names no session id; expected 'session-<uuid>'")));
    }

    /** The session whose canonical room this is, or null. */
    public UUID sessionId() {
        Matcher canonical = CANONICAL.matcher(value);
        return canonical.matches() ? UUID.fromString(canonical.group(1)) : null;
    }

    @Override
    public String toString() {
        return value;
    }
}
