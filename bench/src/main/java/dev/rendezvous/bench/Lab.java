package dev.rendezvous.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmarks share: the running system's addresses, signed webhooks, sessions, replicas. */
final class Lab {

    static final String SESSION = env("SESSION_SERVICE_URL", "http://127.0.0.1:8083");
    static final String PRESENCE = env("PRESENCE_URL", "http://127.0.0.1:8082");
    static final String TOKEN = env("TOKEN_SERVICE_URL", "http://127.0.0.1:8081");
    static final String BOOTSTRAP = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    static final String PARTICIPANT_EVENTS = env("PARTICIPANT_EVENTS_TOPIC", "participant-events");
    static final String SIGNALS = env("SESSION_SIGNALS_TOPIC", "session-signals");
    // HTTP/1.1 as browsers and wrk speak it to these services (no h2c upgrade attempt on every request).
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String KEY = env("LIVEKIT_API_KEY", "devkey");
    private static final String SECRET = env("LIVEKIT_API_SECRET", "rendezvous-dev-secret-0123456789abcdef");
    private static final Pattern SESSION_ID = Pattern.compile("\"sessionId\":\"([0-9a-f-]{36})\"");

    private Lab() {
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static int envInt(String name, int fallback) {
        return Integer.parseInt(env(name, Integer.toString(fallback)));
    }

    /** A backend JWT signed with the development key that deploy/local generated. */
    static String backendJwt() throws Exception {
        return jwt("bench", "backend");
    }

    private static RSAPrivateKey devKey;

    /** A JWT for {@code subject} in {@code group}, signed with the development key that deploy/local generated. */
    static String jwt(String subject, String group) throws Exception {
        return JWT.create().withIssuer(env("MP_JWT_VERIFY_ISSUER", "https://rendezvous.dev/issuer")).withSubject(subject)
                .withArrayClaim("groups", new String[] {group}).withIssuedAt(new Date())
                .withExpiresAt(new Date(System.currentTimeMillis() + 3_600_000)).sign(Algorithm.RSA256(null, devKey()));
    }

    private static synchronized RSAPrivateKey devKey() throws Exception {
        if (devKey == null) {
            Path key = Path.of(env("RENDEZVOUS_DEV_JWT_KEY", "../.local/jwt/privateKey.pem"));
            String pem = Files.readString(key).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            devKey = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        }
        return devKey;
    }

    static HttpRequest createRequest(String backend, String sessionService, String customer, String mechanic) {
        return HttpRequest.newBuilder(URI.create(sessionService + "/v1/sessions"))
                .header("Authorization", "Bearer " + backend).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"" + customer + "\",\"mechanicId\":\"" + mechanic + "\"}"))
                .build();
    }

    static String sessionIdIn(String body) {
        Matcher m = SESSION_ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no sessionId in " + body);
        }
        return m.group(1);
    }

    /** Waits until the service at {@code url} reports ready (its process may not be listening yet). */
    static void awaitReady(String url, String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(name + " did not report ready within 120 s");
    }

    /** Creates {@code count} sessions, {@code concurrency} requests at a time; returns their ids in order. */
    static List<String> createSessions(int count, int concurrency, String backend) throws Exception {
        List<HttpRequest> creations = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            creations.add(createRequest(backend, SESSION, "bc-" + n, "bm-" + n));
        }
        List<String> ids = new ArrayList<>();
        for (HttpResponse<String> r : sendAll(creations, concurrency)) {
            if (r == null || r.statusCode() != 201) {
                throw new IllegalStateException("create answered " + (r == null ? "nothing" : r.statusCode() + ": " + r.body()));
            }
            ids.add(sessionIdIn(r.body()));
        }
        return ids;
    }

    /** Sends every request, {@code concurrency} at a time; the answers in the requests' order, null where none came. */
    static List<HttpResponse<String>> sendAll(List<HttpRequest> requests, int concurrency) throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>(java.util.Collections.nCopies(requests.size(), null));
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            int n = i;
            inFlight.acquire();
            all.add(HTTP.sendAsync(requests.get(n), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> {
                        inFlight.release();
                        answers.set(n, r);
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        return answers;
    }

    /** The four webhooks of a short session: both join, the mechanic leaves, the room finishes (version 5, nobody present, open). */
    static List<String> lifecycle(String session, int n) {
        return List.of(joined(session, "customer", "bc-" + n, "PA_c" + n), joined(session, "mechanic", "bm-" + n, "PA_m" + n),
                left(session, "mechanic", "bm-" + n, "PA_m" + n), roomFinished(session));
    }

    static final int LIFECYCLE_FINAL_VERSION = 5;

    static String joined(String session, String role, String user, String sid) {
        return participant("participant_joined", session, role, user, sid);
    }

    static String left(String session, String role, String user, String sid) {
        return participant("participant_left", session, role, user, sid);
    }

    private static String participant(String event, String session, String role, String user, String sid) {
        String metadata = "{\\\"role\\\":\\\"" + role + "\\\",\\\"sessionId\\\":\\\"" + session
                + "\\\",\\\"userId\\\":\\\"" + user + "\\\"}";
        return "{\"event\":\"" + event + "\",\"id\":\"EV_bench_" + UUID.randomUUID() + "\",\"createdAt\":\""
                + Instant.now().getEpochSecond() + "\",\"room\":{\"sid\":\"RM_bench\",\"name\":\"session-" + session
                + "\"},\"participant\":{\"sid\":\"" + sid + "\",\"identity\":\"" + role + "-" + user
                + "\",\"state\":\"ACTIVE\",\"metadata\":\"" + metadata + "\",\"attributes\":{\"role\":\"" + role
                + "\",\"sessionId\":\"" + session + "\",\"userId\":\"" + user + "\"}}}";
    }

    static String roomFinished(String session) {
        return "{\"event\":\"room_finished\",\"id\":\"EV_bench_" + UUID.randomUUID() + "\",\"createdAt\":\""
                + Instant.now().getEpochSecond() + "\",\"room\":{\"sid\":\"RM_bench\",\"name\":\"session-" + session + "\"}}";
    }

    static HttpRequest webhookRequest(String body) {
        try {
            return HttpRequest.newBuilder(URI.create(PRESENCE + "/v1/livekit/webhook"))
                    .header("Content-Type", "application/webhook+json").header("Authorization", sign(body))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs webhooks, {@code concurrency} at a time, each in the order given per session; fails on any non-200. */
    static void postAll(List<List<String>> perSession, int concurrency) throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<?>> all = new ArrayList<>();
        int steps = perSession.isEmpty() ? 0 : perSession.get(0).size();
        for (int step = 0; step < steps; step++) { // step by step: a session's next event only after its previous one
            for (List<String> events : perSession) {
                inFlight.acquire();
                all.add(HTTP.sendAsync(webhookRequest(events.get(step)), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((r, e) -> inFlight.release())
                        .thenAccept(r -> {
                            if (r.statusCode() != 200) {
                                throw new IllegalStateException("webhook answered " + r.statusCode() + ": " + r.body());
                            }
                        }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            all.clear();
        }
    }

    /** Signs like LiveKit: HS256 with the API secret, issuer = API key, sha256 = base64(SHA-256(body)). */
    static String sign(String body) throws Exception {
        String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
        return JWT.create().withIssuer(KEY).withClaim("sha256", sha).withNotBefore(new Date())
                .withExpiresAt(new Date(System.currentTimeMillis() + 300_000)).sign(Algorithm.HMAC256(SECRET));
    }

    /** A session-service replica started by the benchmark from the packaged jar, on its own port. */
    static final class Replica implements AutoCloseable {
        final int port;
        final Process process;

        private Replica(int port, Process process) {
            this.port = port;
            this.process = process;
        }

        static Replica start(int port) throws Exception {
            return start(port, Map.of());
        }

        /** A replica with these environment variables on top of the benchmark's own. */
        static Replica start(int port, Map<String, String> environment) throws Exception {
            String jar = env("SESSION_SERVICE_JAR", "../session-service/target/quarkus-app/quarkus-run.jar");
            File log = new File(env("BENCH_LOG_DIR", "../.local/logs"), "bench-session-" + port + ".log");
            List<String> command = new ArrayList<>(List.of("java", env("BENCH_REPLICA_JAVA_OPTS", "-Xmx384m")));
            if (!env("BENCH_REPLICA_AGENT", "").isEmpty()) {
                command.add(env("BENCH_REPLICA_AGENT", "")); // e.g. a profiler: -agentpath:…/libasyncProfiler.so=start,…
            }
            command.addAll(List.of("-jar", jar));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
            builder.environment().put("PORT", Integer.toString(port));
            builder.environment().putAll(environment);
            Replica replica = new Replica(port, builder.start());
            replica.awaitReady();
            return replica;
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        private void awaitReady() throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("replica on port " + port + " exited; see its bench-session log");
                }
                try {
                    if (HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (Exception notYet) {
                    // still starting
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("replica on port " + port + " not ready within 90 s");
        }

        void kill() {
            process.destroyForcibly();
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor();
        }
    }
}
