package dev.rendezvous.token;

import java.util.regex.Pattern;

/**
 * The names every part of Rendezvous agrees on (ARCHITECTURE.md, "Names"), as token-service writes
 * them into grants: the room of a session, a participant's identity, and what ids may look like.
 */
public final class Names {

    private static final Pattern SESSION_ID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@|:+=-]{1,128}");

    private Names() {
    }

    /** The LiveKit room of a session: {@code session-<sessionId>}. */
    public static String room(String sessionId) {
        return "session-" + sessionId;
    }

    /** A participant's LiveKit identity: {@code <role>-<userId>}. */
    public static String identity(String role, String userId) {
        return role + "-" + userId;
    }

    public static boolean isSessionId(String text) {
        return text != null && SESSION_ID.matcher(text).matches();
    }

    /** A user id that can form an identity: 1-128 of letters, digits and {@code ._@|:+=-}. */
    public static boolean isUserId(String text) {
        return text != null && USER_ID.matcher(text).matches();
    }
}
