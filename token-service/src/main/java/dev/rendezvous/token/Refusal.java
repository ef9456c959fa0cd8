package dev.rendezvous.token;

/**
 * Why a token is not issued, with a stable code and a sentence for the caller: a request that cannot
 * be served as sent, a caller the roster does not name, a session that does not exist or has ended,
 * or a roster that cannot be read just now. The REST layer answers each kind with its HTTP status and
 * {@code {"error": code, "message"}}.
 */
public class Refusal extends RuntimeException {

    public enum Kind { INVALID, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, UNAVAILABLE }

    private final Kind kind;
    private final String code;

    private Refusal(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
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
}
