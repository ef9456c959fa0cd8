package dev.rendezvous.presence.service;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.rendezvous.presence.config.LiveKitConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Verifies a LiveKit webhook signature over the raw body, as LiveKit signs it: a JWT (HS256 with the
 * API secret, issuer = API key) whose {@code sha256} claim is base64(SHA-256(body)). Unlike the SDK's
 * WebhookReceiver it allows a clock leeway, so a LiveKit host a few seconds ahead loses nothing.
 */
@ApplicationScoped
public class WebhookVerifier {

    private final JWTVerifier verifier;

    public WebhookVerifier(LiveKitConfig config) {
        this.verifier = JWT.require(Algorithm.HMAC256(config.apiSecret().orElse("")))
                .withIssuer(config.apiKey().orElse(""))
                .acceptLeeway(config.webhookLeeway().toSeconds())
                .build();
    }

    /** Why a webhook was refused: a stable reason (for metrics) and a sentence. */
    public static class Rejected extends Exception {
        private final String reason;

        public Rejected(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** @param authorization the Authorization header: the JWT, with or without "Bearer " */
    public void verify(String authorization, byte[] body) throws Rejected {
        if (authorization == null || authorization.isBlank()) {
            throw new Rejected("missing-signature", "no Authorization header");
        }
        String token = authorization.trim();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).trim();
        }
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            throw new Rejected("expired", "the webhook signature has expired");
        } catch (JWTVerificationException e) {
            throw new Rejected("bad-signature", "the webhook signature is not valid: " + e.getMessage());
        }
        String claimed = jwt.getClaim("sha256").asString();
        if (claimed == null) {
            throw new Rejected("missing-body-hash", "the webhook signature has no sha256 claim");
        }
        if (!MessageDigest.isEqual(claimed.getBytes(StandardCharsets.UTF_8), sha256(body).getBytes(StandardCharsets.UTF_8))) {
            throw new Rejected("body-mismatch", "the body does not match the signed sha256");
        }
    }

    static String sha256(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
