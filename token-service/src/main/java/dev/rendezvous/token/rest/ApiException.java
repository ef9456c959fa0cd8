package dev.rendezvous.token.rest;

/** An error answered as {@code {"error": code, "message": message}} with the given HTTP status. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException rosterUnavailable(String message) {
        return new ApiException(503, "roster-unavailable", message);
    }
}
