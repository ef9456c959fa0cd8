package dev.rendezvous.session.messaging;

import dev.rendezvous.session.config.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deadline records end sessions, and they travel on participant-events, which presence-service may write
 * too: session-service signs each one (HMAC-SHA256 of the value, in the {@value #HEADER} header) and folds
 * only those it signed ({@link SigningKeys}).
 */
@ApplicationScoped
public class DeadlineSignature {

    public static final String HEADER = "rendezvous-signature";
    private static final String PURPOSE = "deadline-record";

    private final SigningKeys keys;

    public DeadlineSignature(SigningKeys keys) {
        this.keys = keys;
    }

    public String sign(String value) {
        return keys.sign(PURPOSE, value);
    }

    /** Whether this service signed this value. */
    public boolean signed(String value, String signature) {
        return keys.signed(PURPOSE, value, signature);
    }
}
