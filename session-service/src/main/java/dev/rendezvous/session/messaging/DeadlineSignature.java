package dev.rendezvous.session.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Deadline records end sessions, and they travel on participant-events, which presence-service may write
 * too: session-service signs each one (HMAC-SHA256 of the value, in the {@value #HEADER} header) and folds
 * only those it signed. The key is DEADLINE_SIGNING_KEY, or else derived from the database password, which
 * every session-service replica has and nothing else does.
 */
@ApplicationScoped
public class DeadlineSignature {

    public static final String HEADER = "rendezvous-signature";

    private final SecretKeySpec key;

    public DeadlineSignature(@ConfigProperty(name = "rendezvous.deadline.signing-key") Optional<String> configured,
                             @ConfigProperty(name = "quarkus.datasource.password") Optional<String> dbPassword,
                             @ConfigProperty(name = "quarkus.datasource.username") Optional<String> dbUser) {
        String secret = configured.filter(k -> !k.isBlank())
                .orElseGet(() -> "rendezvous-deadline:" + dbUser.orElse("") + ":" + dbPassword.orElse(""));
        this.key = new SecretKeySpec(digest(secret), "HmacSHA256");
    }

    public String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    /** Whether this service signed this value (a constant-time comparison). */
    public boolean signed(String value, String signature) {
        return signature != null && MessageDigest.isEqual(sign(value).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
