package dev.rendezvous.kernel;

import java.time.Duration;

/**
 * Why a request is refused, with a stable code and a sentence for the caller: input that cannot be
 * served as sent (or is too large to read), a caller not allowed, something that does not exist, a state that forbids it, a caller
 * asking too often, or a dependency briefly gone. Each service's REST layer answers it with the kind's
 * HTTP status and {@code {"error": code, "message"}}, and {@code Retry-After} where it says when.
 */
public class Refusal extends RuntimeException {

    /** The kinds of refusal, each with the HTTP status it is answered with. */
    public enum Kind {
        INVALID(400), UNAUTHORIZED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_LARGE(413), TOO_MANY(429),
        UNAVAILABLE(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String code;
    private final Duration retryAfter;

    private Refusal(Kind kind, String code, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public static Refusal invalid(String code, String message) {
        return new Refusal(Kind.INVALID, code, message, null);
    }

    /** A body longer than the call takes; refused before anything reads it. */
    public static Refusal tooLarge(long limit) {
        return new Refusal(Kind.TOO_LARGE, "body-too-large", "this call takes a body of at most " + limit + " bytes", null);
    }

    public static Refusal unauthorized(String message) {
        return new Refusal(Kind.UNAUTHORIZED, "unauthorized", message, null);
    }

    /** The caller is not on the session's roster: the one name for this refusal in every service. */
    public static Refusal notOnRoster(String message) {
        return forbidden("not-on-roster", message);
    }

    public static Refusal forbidden(String code, String message) {
        return new Refusal(Kind.FORBIDDEN, code, message, null);
    }

    public static Refusal notFound(String message) {
        return new Refusal(Kind.NOT_FOUND, "not-found", message, null);
    }

    public static Refusal conflict(String code, String message) {
        return new Refusal(Kind.CONFLICT, code, message, null);
    }

    /** The caller asked more often than allowed; it may ask again after {@code retryAfter}. */
    public static Refusal tooMany(String code, String message, Duration retryAfter) {
        return new Refusal(Kind.TOO_MANY, code, message, retryAfter);
    }

    /** Something this call needs is briefly gone; the caller may try again after {@code retryAfter}. */
    public static Refusal unavailable(String code, String message, Duration retryAfter) {
        return new Refusal(Kind.UNAVAILABLE, code, message, retryAfter);
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

    /** {@link #retryAfter()} in whole seconds, rounded up (a client that waits this long is served); null if none. */
    public String retryAfterSeconds() {
        return retryAfter == null ? null : Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }
}
