package dev.rendezvous.token.support;

import io.smallrye.jwt.build.Jwt;

import java.time.Instant;
import java.util.Set;

/** User JWTs signed with the test key (src/test/resources/privateKey.pem). */
public final class TestJwt {

    public static final String ISSUER = "https://rendezvous.dev/issuer";

    private TestJwt() {
    }

    public static String user(String sub) {
        return Jwt.issuer(ISSUER).subject(sub).claim("name", "User " + sub).groups(Set.of("user")).expiresIn(600).sign();
    }

    public static String expired(String sub) {
        return Jwt.issuer(ISSUER).subject(sub).issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).sign();
    }

    public static String otherIssuer(String sub) {
        return Jwt.issuer("https://evil.example/issuer").subject(sub).expiresIn(600).sign();
    }
}
