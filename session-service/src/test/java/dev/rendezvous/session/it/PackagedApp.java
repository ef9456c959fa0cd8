package dev.rendezvous.session.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.testing.Kafka;
import dev.rendezvous.testing.TestJwt;
import io.smallrye.jwt.build.Jwt;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The packaged session-service (target/quarkus-app) run as its own process, as an operator runs it. */
final class PackagedApp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // JWTs for these tests are signed with the test key, outside of Quarkus.
        System.setProperty("smallrye.jwt.sign.key.location", "privateKey.pem");
    }

    private final int port = freePort();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Process process;

    /** @param topics a suffix for this run's topics and consumer group, so runs do not share them */
    PackagedApp(String topics, String logName) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).exists();
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-jar", jar.toString());
        Map<String, String> env = builder.environment();
        env.put("PORT", Integer.toString(port));
        env.put("DB_HOST", Database.HOST);
        env.put("DB_PORT", Database.PORT);
        env.put("DB_NAME", Database.NAME);
        env.put("DB_USER", Database.USER);
        env.put("DB_PASSWORD", Database.PASSWORD);
        env.put("KAFKA_BOOTSTRAP_SERVERS", Kafka.bootstrap());
        env.put("KAFKA_GROUP_ID", "it-" + topics);
        env.put("PARTICIPANT_EVENTS_TOPIC", "participant-events-" + topics);
        env.put("TOKEN_EVENTS_TOPIC", "token-events-" + topics);
        env.put("SESSION_SIGNALS_TOPIC", "session-signals-" + topics);
        // The LiveKit server the test command started, as the environment names it (else deploy/local's).
        env.putIfAbsent("LIVEKIT_URL", "ws://127.0.0.1:7880");
        env.putIfAbsent("LIVEKIT_API_KEY", "devkey");
        env.putIfAbsent("LIVEKIT_API_SECRET", "rendezvous-dev-secret-0123456789abcdef");
        env.put("RECONCILE_INTERVAL", "off");
        // The database is shared with the other tests: this app must not end their sessions on time.
        env.put("DEADLINE_CHECK_INTERVAL", "off");
        // Crash recovery is timed against a traffic that keeps arriving: a restarted app reports ready at once.
        env.put("WARMUP_TIME", "PT0S");
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", TestJwt.publicKeyLocation());
        env.put("MP_JWT_VERIFY_ISSUER", "https://rendezvous.dev/issuer");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target", logName)));
        process = builder.start();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.send(
                HttpRequest.newBuilder(url("/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    static String participantTopic(String topics) {
        return "participant-events-" + topics;
    }

    static String signalTopic(String topics) {
        return "session-signals-" + topics;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static String backendJwt() {
        return Jwt.issuer("https://rendezvous.dev/issuer").subject("it-backend").groups(Set.of("backend")).expiresIn(600).sign();
    }

    UUID createSession(String customerId, String mechanicId) throws Exception {
        HttpResponse<String> created = create(customerId, mechanicId, null);
        assertThat(created.statusCode()).isEqualTo(201);
        return UUID.fromString(JSON.readTree(created.body()).get("sessionId").asText());
    }

    /** POST /v1/sessions as a backend, with an Idempotency-Key when one is given. */
    HttpResponse<String> create(String customerId, String mechanicId, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url("/v1/sessions"))
                .header("Authorization", "Bearer " + backendJwt()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"" + customerId + "\",\"mechanicId\":\"" + mechanicId + "\"}"));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL: no shutdown hook, no offset commit, no goodbye to the consumer group. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
