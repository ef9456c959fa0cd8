package dev.rendezvous.session.config;

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
 * The keys session-service signs its own records and tickets with, one per purpose, all derived from
 * SIGNING_KEY, or else from the database credentials: every replica has them, and nothing outside
 * session-service does (presence-service, which may also write participant-events, has not).
 */
@ApplicationScoped
public class SigningKeys {

    private final byte[] root;

    public SigningKeys(@ConfigProperty(name = "rendezvous.signing-key") Optional<String> configured,
                       @ConfigProperty(name = "quarkus.datasource.username") Optional<String> dbUser,
                       @ConfigProperty(name = "quarkus.datasource.password") Optional<String> dbPassword) {
        this.root = sha256(configured.filter(k -> !k.isBlank())
                .orElseGet(() -> "rendezvous:" + dbUser.orElse("") + ":" + dbPassword.orElse("")));
    }

    /** HMAC-SHA256 of the text under the purpose's key, base64url without padding. */
    public String sign(String purpose, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmac(root, purpose), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    /** Whether the signature is this service's for the text and purpose (compared in constant time). */
    public boolean signed(String purpose, String text, String signature) {
        return signature != null && MessageDigest.isEqual(sign(purpose, text).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, String purpose) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
