package dev.rendezvous.session.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

/**
 * Verifies a JWT once, not on every request: a page uses one JWT for its stream, its reconnects and
 * its reports, and a backend one for all its calls, and the RSA check is the largest single cost of a
 * request. A verified token is kept, by the SHA-256 of its text, until its own expiry or for
 * JWT_CACHE_LIFETIME (5 min), whichever comes first: a key withdrawn from the issuer's key set stops
 * vouching for a kept token within that time of SmallRye no longer accepting it, never a day later. A
 * kept token gets no clock skew allowance. Failures are never kept; the tokens kept are bounded
 * (JWT_CACHE_SIZE, the least recently used go first).
 */
@Decorator
@Priority(10)
public abstract class CachedJwtParser implements JWTParser {

    private final JWTParser delegate;
    private final Cache<String, JsonWebToken> verified;
    private final Counter hits;
    private final Counter misses;

    @Inject
    public CachedJwtParser(@Delegate JWTParser delegate, MeterRegistry registry,
                           @ConfigProperty(name = "rendezvous.jwt.cache-size", defaultValue = "10000") int size,
                           @ConfigProperty(name = "rendezvous.jwt.cache-lifetime", defaultValue = "PT5M") Duration lifetime) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder().maximumSize(size).expireAfter(untilExpiryOrLifetime(lifetime)).build();
        this.hits = registry.counter("rendezvous.jwt.verifications", "result", "kept");
        this.misses = registry.counter("rendezvous.jwt.verifications", "result", "verified");
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        String key = sha256(token);
        JsonWebToken known = verified.getIfPresent(key);
        if (known != null && known.getExpirationTime() > System.currentTimeMillis() / 1000) {
            hits.increment();
            return known;
        }
        JsonWebToken fresh = delegate.parse(token);
        misses.increment();
        if (fresh.getExpirationTime() > 0) {
            verified.put(key, fresh);
        }
        return fresh;
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
