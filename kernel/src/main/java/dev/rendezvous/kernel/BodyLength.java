package dev.rendezvous.kernel;

import java.util.Optional;

/**
 * A request body's length against what a call takes, read one way by every service: the declared
 * {@code Content-Length} before anything reads the body, and a body read without one before it is parsed.
 */
public final class BodyLength {

    private BodyLength() {
    }

    /** Empty when a body of the declared length may be read; otherwise why not: 400 for no number, 413 past the limit. */
    public static Optional<Refusal> check(String declared, long limit) {
        if (declared == null) {
            return Optional.empty();
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return Optional.of(Refusal.invalid("bad-content-length", "Content-Length must be a number of bytes"));
        }
        return length > limit ? Optional.of(Refusal.tooLarge(limit)) : Optional.empty();
    }

    /** A body read without a declared length (chunked), refused before it is parsed when it is longer than the limit. */
    public static String within(String body, long limit) {
        if (body != null && body.length() > limit) {
            throw Refusal.tooLarge(limit);
        }
        return body;
    }
}
