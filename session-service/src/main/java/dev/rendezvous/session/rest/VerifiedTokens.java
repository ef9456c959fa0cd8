package dev.rendezvous.session.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

/**
 * The JWTs verified lately, by the SHA-256 of their text (CachedJwtParser): each kept until its own
 * expiry or for JWT_CACHE_LIFETIME (5 min), whichever comes first, at most JWT_CACHE_SIZE of them (the
 * least recently used go first). Only what a verification accepted is kept.
 */
@ApplicationScoped
public class VerifiedTokens {

    private final Cache<String, JsonWebToken> verified;

    public VerifiedTokens(@ConfigProperty(name = "rendezvous.jwt.cache-size", defaultValue = "10000") int size,
                          @ConfigProperty(name = "rendezvous.jwt.cache-lifetime", defaultValue = "PT5M") Duration lifetime) {
        this.verified = Caffeine.newBuilder().maximumSize(size).expireAfter(untilExpiryOrLifetime(lifetime)).build();
    }

    /** The token as verified, while it is kept and unexpired; null otherwise. */
    JsonWebToken find(String token) {
        JsonWebToken known = verified.getIfPresent(sha256(token));
        return known != null && known.getExpirationTime() > System.currentTimeMillis() / 1000 ? known : null;
    }

    /** Keeps a token a verification accepted (one without an expiry is not kept). */
    public void keep(String token, JsonWebToken accepted) {
        if (accepted.getExpirationTime() > 0) {
            verified.put(sha256(token), accepted);
        }
    }

    public void forget(String token) {
        verified.invalidate(sha256(token));
    }

    /** An entry lives until its token's {@code exp}, and no longer than the lifetime. */
    private static Expiry<String, JsonWebToken> untilExpiryOrLifetime(Duration lifetime) {
        return new Expiry<>() {
            @Override
            public long expireAfterCreate(String key, JsonWebToken token, long now) {
                return keptFor(token.getExpirationTime(), System.currentTimeMillis(), lifetime).toNanos();
            }

            @Override
            public long expireAfterUpdate(String key, JsonWebToken token, long now, long current) {
                return expireAfterCreate(key, token, now);
            }

            @Override
            public long expireAfterRead(String key, JsonWebToken token, long now, long current) {
                return current;
            }
        };
    }

    /** How long a token verified at {@code nowMillis}, expiring at {@code expSeconds}, is kept. */
    static Duration keptFor(long expSeconds, long nowMillis, Duration lifetime) {
        long millis = expSeconds * 1000 - nowMillis;
        return Duration.ofMillis(Math.max(0, Math.min(millis, lifetime.toMillis())));
    }

    private static String sha256(String token) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
