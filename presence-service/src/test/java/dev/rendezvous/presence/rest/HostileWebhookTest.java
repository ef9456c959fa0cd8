package dev.rendezvous.presence.rest;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import dev.rendezvous.testing.Kafka;
import dev.rendezvous.presence.support.LiveKitWebhooks;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Webhooks an attacker or a broken proxy could send: signatures in the wrong algorithm or none,
 * claims that do not hold, clocks beyond the leeway (60 s here, LIVEKIT_WEBHOOK_LEEWAY), bodies too
 * large however they are sent. Each is refused with the {error, message} body and publishes nothing.
 */
@QuarkusTest
class HostileWebhookTest {

    @TestHTTPResource("/v1/livekit/webhook")
    URL webhookUrl;

    private final UUID session = UUID.randomUUID();
    private final String body = LiveKitWebhooks.canonical("participant_joined", session, "customer", "u1", "PA_hostile");

    private static ValidatableResponse post(String body, String authorization) {
        return given().contentType("application/webhook+json").header("Authorization", authorization)
                .body(body).post("/v1/livekit/webhook").then();
    }

    /** A signature as LiveKit makes it, then changed by {@code change}. */
    private String signed(UnaryOperator<JWTCreator.Builder> change, Algorithm algorithm) {
        Instant now = Instant.now();
        var builder = JWT.create().withIssuer(LiveKitWebhooks.apiKey()).withClaim("sha256", LiveKitWebhooks.sha256(body))
                .withNotBefore(Date.from(now)).withExpiresAt(Date.from(now.plusSeconds(300)));
        return change.apply(builder).sign(algorithm);
    }

    private static Algorithm hs256() {
        return Algorithm.HMAC256(LiveKitWebhooks.apiSecret());
    }

    private void assertNothingPublished() {
        assertThat(Kafka.records("participant-events", session.toString(), 0, Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void shouldRefuseSignaturesInAnyAlgorithmButHs256() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        post(body, signed(b -> b, Algorithm.none())).statusCode(401).body("error", equalTo("bad-signature"));
        post(body, signed(b -> b, Algorithm.HMAC512(LiveKitWebhooks.apiSecret()))).statusCode(401).body("error", equalTo("bad-signature"));
        post(body, signed(b -> b, Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate())))
                .statusCode(401).body("error", equalTo("bad-signature"));
        assertNothingPublished();
    }

    @Test
    void shouldRefuseClaimsThatDoNotHold() {
        post(body, signed(b -> b.withClaim("sha256", (String) null), hs256())).statusCode(401).body("error", equalTo("missing-body-hash"));
        post(body, signed(b -> b.withClaim("sha256", LiveKitWebhooks.sha256(body + " ")), hs256()))
                .statusCode(401).body("error", equalTo("body-mismatch"));
        post(body, signed(b -> b.withIssuer(null), hs256())).statusCode(401).body("error", equalTo("bad-signature"));
        post(body, signed(b -> b.withIssuer("another-key"), hs256())).statusCode(401).body("error", equalTo("bad-signature"));
        post(body, signed(b -> b.withNotBefore(Date.from(Instant.now().plusSeconds(120))), hs256()))
                .statusCode(401).body("error", equalTo("bad-signature"));
        assertNothingPublished();
    }

    @Test
    void shouldHoldTheLeewayBoundaryOnExpiry() {
        Instant now = Instant.now();
        // 61 s past expiry is beyond the 60 s leeway; 55 s is inside it (a few seconds spare for a slow test run).
        post(body, signed(b -> b.withNotBefore(Date.from(now.minusSeconds(400))).withExpiresAt(Date.from(now.minusSeconds(61))), hs256()))
                .statusCode(401).body("error", equalTo("expired"));
        assertNothingPublished();
        post(body, signed(b -> b.withNotBefore(Date.from(now.minusSeconds(400))).withExpiresAt(Date.from(now.minusSeconds(55))), hs256()))
                .statusCode(200);
        assertThat(Kafka.records("participant-events", session.toString(), 1, Duration.ofSeconds(15))).hasSize(1);
    }

    @Test
    void shouldRefuseAnOversizeBodySentInChunksWithNoDeclaredLength() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", webhookUrl.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/livekit/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/webhook+json\r\n"
                    + "Authorization: " + LiveKitWebhooks.sign(body) + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 24; i++) { // 1.5 MiB, over the 1 MiB limit
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedEarly) {
                // The server may answer and close before the rest is written: that is the point.
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 413");
        }
        assertNothingPublished();
    }
}
