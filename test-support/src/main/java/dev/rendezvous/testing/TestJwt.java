package dev.rendezvous.testing;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /**
     * Where a service started as its own process finds the test public key (MP_JWT_VERIFY_PUBLICKEY_LOCATION):
     * a file copied out of this module's jar.
     */
    public static synchronized String publicKeyLocation() {
        try (InputStream key = TestJwt.class.getResourceAsStream("/publicKey.pem")) {
            Path file = Files.createTempFile("rendezvous-test-", ".pem");
            file.toFile().deleteOnExit();
            Files.copy(key, file, StandardCopyOption.REPLACE_EXISTING);
            return file.toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the test public key", e);
        }
    }

    /** A well-formed JWT of the right issuer, signed by a key no service knows. */
    public static String signedByAnotherKey(String sub) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER).subject(sub).expiresIn(600).sign(generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JRE", e);
        }
    }

    public static String otherIssuer(String sub) {
        return Jwt.issuer("https://evil.example/issuer").subject(sub).expiresIn(600).sign();
    }
}
