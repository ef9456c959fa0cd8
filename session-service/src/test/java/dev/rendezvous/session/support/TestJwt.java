package dev.rendezvous.session.support;

import io.smallrye.jwt.build.Jwt;

import java.util.Set;

/** User and backend JWTs signed with the test key (src/test/resources/privateKey.pem). */
public final class TestJwt {

    public static final String ISSUER = "https://rendezvous.dev/issuer";

    private TestJwt() {
    }

    public static String user(String sub) {
        return user(sub, 600);
    }

    /** A user JWT that expires after the given seconds. */
    public static String user(String sub, long seconds) {
        return Jwt.issuer(ISSUER).subject(sub).groups(Set.of("user")).expiresIn(seconds).sign();
    }

    public static String backend() {
        return backend("scheduling-backend");
    }

    public static String backend(String sub) {
        return Jwt.issuer(ISSUER).subject(sub).groups(Set.of("backend")).expiresIn(600).sign();
    }
}
