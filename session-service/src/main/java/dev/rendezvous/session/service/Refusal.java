package dev.rendezvous.session.service;

/**
 * Why a request is refused, with a stable code and a sentence for the caller: input that cannot be
 * served as sent, a caller not on the roster, a session that does not exist, a state that forbids
 * it. The REST layer answers each kind with its HTTP status and {@code {"error": code, "message"}}.
 */
public class Refusal extends RuntimeException {

    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT }

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

    public static Refusal forbidden(String message) {
        return new Refusal(Kind.FORBIDDEN, "forbidden", message);
    }

    public static Refusal notFound(String message) {
        return new Refusal(Kind.NOT_FOUND, "not-found", message);
    }

    public static Refusal conflict(String code, String message) {
        return new Refusal(Kind.CONFLICT, code, message);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
