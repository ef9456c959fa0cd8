package dev.rendezvous.testing;

import io.smallrye.jwt.build.Jwt;

import java.time.Instant;
import java.util.Set;

/** User and backend JWTs signed with the test key this module carries (privateKey.pem, publicKey.pem). */
public final class TestJwt {

    public static final String ISSUER = "https://rendezvous.dev/issuer";

    private TestJwt() {
    }

    public static String user(String sub) {
        return user(sub, 600);
    }

    /** A user JWT that expires after the given seconds. */
    public static String user(String sub, long seconds) {
        return Jwt.issuer(ISSUER).subject(sub).claim("name", "User " + sub).groups(Set.of("user")).expiresIn(seconds).sign();
    }

    public static String backend() {
        return backend("scheduling-backend");
    }

    public static String backend(String sub) {
        return Jwt.issuer(ISSUER).subject(sub).groups(Set.of("backend")).expiresIn(600).sign();
    }

    public static String expired(String sub) {
        return Jwt.issuer(ISSUER).subject(sub).issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).sign();
    }

    public static String otherIssuer(String sub) {
        return Jwt.issuer("https://evil.example/issuer").subject(sub).expiresIn(600).sign();
    }
}
