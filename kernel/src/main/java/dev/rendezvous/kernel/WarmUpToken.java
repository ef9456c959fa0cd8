package dev.rendezvous.kernel;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.security.KeyPair;
import java.util.List;
import java.util.Optional;

/**
 * A user JWT for a service's warm-up: the configured issuer and audience, subject {@code warm-up}, signed
 * with a key the warm-up made itself, so the parser's every check runs and only the signature's key
 * differs from the issuer's (no user is ever authenticated by it).
 */
public final class WarmUpToken {

    public static final String SUBJECT = "warm-up";

    private WarmUpToken() {
    }

    public static String sign(KeyPair key, Optional<String> issuer, Optional<List<String>> audiences) throws JoseException {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer.orElse("rendezvous-warm-up"));
        audiences.ifPresent(claims::setAudience);
        claims.setSubject(SUBJECT);
        claims.setIssuedAtToNow();
        claims.setGeneratedJwtId();
        claims.setExpirationTimeMinutesInTheFuture(60);
        claims.setStringListClaim("groups", List.of("user"));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(key.getPrivate());
        return jws.getCompactSerialization();
    }
}
