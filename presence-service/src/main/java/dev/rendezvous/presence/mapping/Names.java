package dev.rendezvous.presence.mapping;

import dev.rendezvous.presence.ParticipantEvent.Problem;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the session id from a room name: canonically {@code session-<uuid>} in lower case. */
public final class RoomNames {

    private static final Pattern CANONICAL = Pattern.compile(
            "session-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final Pattern ANY_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private RoomNames() {
    }

    /** The session id (or null) and the problems with the name. */
    public record Reading(String sessionId, List<Problem> problems) {
    }

    public static Reading read(String room) {
        if (room == null || room.isEmpty()) {
            return new Reading(null, List.of(new Problem("room-missing", "the event names no room")));
        }
        Matcher canonical = CANONICAL.matcher(room);
        if (canonical.matches()) {
            return new Reading(canonical.group(1), List.of());
        }
        Matcher uuid = ANY_UUID.matcher(room);
        if (uuid.find()) {
            String sessionId = uuid.group().toLowerCase(Locale.ROOT);
            return new Reading(sessionId, List.of(new Problem("room-name-not-canonical",
                    "room '" + room + "' contains session id " + sessionId + " but is not 'session-" + sessionId + "'")));
        }
        return new Reading(null, List.of(new Problem("room-without-session-id",
                "room '" + room + "' names no session id; expected 'session-<uuid>'")));
    }
}
