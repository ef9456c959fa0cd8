package dev.rendezvous.session.rest;

import dev.rendezvous.kernel.Names;
import dev.rendezvous.kernel.Refusal;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The ids a request carries, read strictly (docs/architecture.md, "Names"): a request with a bad one is
 * refused with 400 and a sentence saying why.
 */
final class RequestIds {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private RequestIds() {
    }

    static UUID sessionId(String text) {
        UUID id = Names.sessionIdOrNull(text);
        if (id == null) {
            throw Refusal.invalid("bad-session-id", "session id must be a UUID, got '" + text + "'");
        }
        return id;
    }

    static String userId(String field, String value) {
        if (!Names.isUserId(value)) {
            throw Refusal.invalid("bad-user-id", field + " must be " + Names.USER_ID_RULE);
        }
        return value;
    }

    static String idempotencyKey(String value) {
        if (!IDEMPOTENCY_KEY.matcher(value).matches()) {
            throw Refusal.invalid("bad-idempotency-key", "Idempotency-Key must be 1-200 visible ASCII characters");
        }
        return value;
    }
}
