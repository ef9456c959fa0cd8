package dev.rendezvous.session.rest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a JWT once, not on every request: a page uses one JWT for its stream, its reconnects and
 * its reports, and a backend one for all its calls, and the RSA check is the largest single cost of a
 * request. A verified token is kept (VerifiedTokens) until its own expiry or for JWT_CACHE_LIFETIME
 * (5 min), whichever comes first: a key withdrawn from the issuer's key set stops vouching for a kept
 * token within that time of SmallRye no longer accepting it, never a day later. A kept token gets no
 * clock skew allowance. Failures are never kept; the tokens kept are bounded (JWT_CACHE_SIZE).
 */
@Decorator
@Priority(10)
public abstract class CachedJwtParser implements JWTParser {

    private final JWTParser delegate;
    private final VerifiedTokens verified;
    private final Counter hits;
    private final Counter misses;

    @Inject
    public CachedJwtParser(@Delegate JWTParser delegate, VerifiedTokens verified, MeterRegistry registry) {
        this.delegate = delegate;
        this.verified = verified;
        this.hits = registry.counter("rendezvous.jwt.verifications", "result", "kept");
        this.misses = registry.counter("rendezvous.jwt.verifications", "result", "verified");
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.find(token);
        if (known != null) {
            hits.increment();
            return known;
        }
        JsonWebToken fresh = delegate.parse(token);
        misses.increment();
        verified.keep(token, fresh);
        return fresh;
    }
}
