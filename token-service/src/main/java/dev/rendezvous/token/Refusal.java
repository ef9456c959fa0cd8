package dev.rendezvous.token;

import java.time.Duration;

/**
 * Why a token is not issued, with a stable code and a sentence for the caller: a request that cannot
 * be served as sent, a caller the roster does not name, a session that does not exist or has ended,
 * a caller asking too often, or a roster that cannot be read just now. The REST layer answers each kind with its HTTP status and
 * {@code {"error": code, "message"}}.
 */
public class Refusal extends RuntimeException {

    public enum Kind { INVALID, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_MANY, UNAVAILABLE }

    private final Kind kind;
    private final String code;
    private final Duration retryAfter;

    private Refusal(Kind kind, String code, String message) {
        this(kind, code, message, null);
    }

    private Refusal(Kind kind, String code, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public static Refusal invalid(String code, String message) {
        return new Refusal(Kind.INVALID, code, message);
    }

    public static Refusal unauthorized(String message) {
        return new Refusal(Kind.UNAUTHORIZED, "unauthorized", message);
    }

    public static Refusal notOnRoster(String message) {
        return new Refusal(Kind.FORBIDDEN, "not-on-roster", message);
    }

    public static Refusal notFound(String message) {
        return new Refusal(Kind.NOT_FOUND, "not-found", message);
    }

    public static Refusal conflict(String code, String message) {
        return new Refusal(Kind.CONFLICT, code, message);
    }

    /** The caller asked more often than allowed; it may ask again after {@code retryAfter}. */
    public static Refusal tooMany(String message, Duration retryAfter) {
        return new Refusal(Kind.TOO_MANY, "too-many-tokens", message, retryAfter);
    }

    /** The roster cannot be read now; the caller may try again shortly. */
    public static Refusal rosterUnavailable(String message) {
        return new Refusal(Kind.UNAVAILABLE, "roster-unavailable", message);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** When the caller may try again, for refusals that say; null otherwise. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
