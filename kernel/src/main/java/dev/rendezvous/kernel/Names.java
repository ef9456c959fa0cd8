package dev.rendezvous.kernel;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The ids every part of Rendezvous agrees on (docs/architecture.md, "Names"): a session id is a UUID, a
 * user id is what can follow {@code <role>-} in a LiveKit identity. Rooms and identities built from
 * them are {@link RoomName} and {@link Identity}.
 */
public final class Names {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    /** A user id must form a LiveKit identity {@code <role>-<userId>}: no spaces or control characters. */
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@|:+=-]{1,128}");

    /** What a user id may be, for a caller's error message. */
    public static final String USER_ID_RULE = "1-128 characters of letters, digits and ._@|:+=-";

    private Names() {
    }

    /** The session id written in the text (a UUID in any letter case), canonical lower case; null if it is none. */
    public static UUID sessionIdOrNull(String text) {
        return isSessionId(text) ? UUID.fromString(text.toLowerCase(Locale.ROOT)) : null;
    }

    public static boolean isSessionId(String text) {
        return text != null && UUID_TEXT.matcher(text).matches();
    }

    /** A user id that can form an identity. */
    public static boolean isUserId(String text) {
        return text != null && USER_ID.matcher(text).matches();
    }
}
