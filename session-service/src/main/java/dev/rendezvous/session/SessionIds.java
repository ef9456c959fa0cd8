package dev.rendezvous.session;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of ARCHITECTURE.md ("Names") as session-service reads and writes them: session ids,
 * rooms, user ids and idempotency keys, read strictly (a request with a bad one is refused, saying why).
 */
public final class SessionIds {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    /** A user id must form a LiveKit identity {@code <role>-<userId>}: no spaces or control characters. */
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@|:+=-]{1,128}");
    /** A participant identity: {@code <role>-<userId>}, the role exactly {@code customer} or {@code mechanic}. */
    private static final Pattern IDENTITY = Pattern.compile("(customer|mechanic)-(.+)");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private SessionIds() {
    }

    /** The LiveKit room of a session: {@code session-<sessionId>} (ARCHITECTURE.md, "Names"). */
    public static String room(UUID sessionId) {
        return "session-" + sessionId;
    }

    /** What a participant identity names, read as ARCHITECTURE.md writes it. */
    public record Identity(String role, String userId) {
    }

    /** The role and user an identity names; empty when it is not {@code <customer|mechanic>-<userId>}. */
    public static Optional<Identity> identity(String identity) {
        Matcher m = IDENTITY.matcher(identity == null ? "" : identity);
        return m.matches() ? Optional.of(new Identity(m.group(1), m.group(2))) : Optional.empty();
    }

    public static UUID sessionId(String text) {
        UUID id = sessionIdOrNull(text);
        if (id == null) {
            throw Refusal.invalid("bad-session-id", "session id must be a UUID, got '" + text + "'");
        }
        return id;
    }

    /** The session id written in the text (a UUID in any letter case), or null. */
    public static UUID sessionIdOrNull(String text) {
        return text != null && UUID_TEXT.matcher(text).matches() ? UUID.fromString(text.toLowerCase(Locale.ROOT)) : null;
    }

    public static String userId(String field, String value) {
        if (value == null || !USER_ID.matcher(value).matches()) {
            throw Refusal.invalid("bad-user-id", field + " must be 1-128 characters of letters, digits and ._@|:+=-");
        }
        return value;
    }

    public static String idempotencyKey(String value) {
        if (!IDEMPOTENCY_KEY.matcher(value).matches()) {
            throw Refusal.invalid("bad-idempotency-key", "Idempotency-Key must be 1-200 visible ASCII characters");
        }
        return value;
    }
}
