package dev.rendezvous.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * How much a webhook costs on top of the Kafka write it exists for. Sequentially, in one run:
 * the baseline sends records of a webhook's size straight to the broker and waits for each ack
 * (acks=all, idempotent, linger 1 ms, as presence-service does); the subject POSTs signed LiveKit webhooks to
 * presence-service, each answered only after its own Kafka ack. Prints both and their ratio.
 */
public final class WebhookIngestBench {

    private static final String PRESENCE = env("PRESENCE_URL", "http://127.0.0.1:8082");
    private static final String BOOTSTRAP = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String KEY = env("LIVEKIT_API_KEY", "devkey");
    private static final String SECRET = env("LIVEKIT_API_SECRET", "rendezvous-dev-secret-0123456789abcdef");
    private static final int COUNT = Integer.parseInt(env("BENCH_COUNT", "1000"));
    private static final int WARMUP = Integer.parseInt(env("BENCH_WARMUP", "300"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        System.out.printf("webhook ingest, %d sequential requests after %d warm-up, broker %s%n", COUNT, WARMUP, BOOTSTRAP);
        long[] baseline;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", ProducerConfig.LINGER_MS_CONFIG, "1"),
                new StringSerializer(), new StringSerializer())) {
            measure(WARMUP, i -> producer.send(new ProducerRecord<>("bench-baseline", "k" + i, webhook(i))).get());
            baseline = measure(COUNT, i -> producer.send(new ProducerRecord<>("bench-baseline", "k" + i, webhook(i))).get());
        }
        Step post = i -> post(webhook(i));
        measure(WARMUP, post);
        long[] subject = measure(COUNT, post);
        // The same request refused at the signature: HTTP and the service, without Kafka.
        Step refused = i -> HTTP.send(HttpRequest.newBuilder(URI.create(PRESENCE + "/v1/livekit/webhook"))
                .header("Content-Type", "application/webhook+json").header("Authorization", "not-a-signature")
                .POST(HttpRequest.BodyPublishers.ofString(webhook(i))).build(), HttpResponse.BodyHandlers.discarding());
        measure(WARMUP, refused);
        long[] withoutKafka = measure(COUNT, refused);

        Stats.print("baseline: Kafka send + ack", baseline);
        Stats.print("presence-service webhook", subject);
        Stats.print("  same, refused (no Kafka)", withoutKafka);
        System.out.printf("ratio (webhook / baseline): p50 %.2fx, p99 %.2fx, throughput %.2fx%n",
                Stats.percentile(subject, 50) / Stats.percentile(baseline, 50),
                Stats.percentile(subject, 99) / Stats.percentile(baseline, 99),
                Stats.throughput(subject) / Stats.throughput(baseline));
    }

    interface Step {
        void run(int i) throws Exception;
    }

    private static long[] measure(int count, Step step) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            step.run(i);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    /** A participant_joined webhook for a fresh session. */
    private static String webhook(int i) {
        return joined(UUID.randomUUID().toString(), "customer", "bench-" + i, "PA_bench_" + i);
    }

    /** A participant_joined webhook as LiveKit sends it (protobuf JSON), for a token minted by token-service. */
    static String joined(String session, String role, String user, String sid) {
        String metadata = "{\\\"role\\\":\\\"" + role + "\\\",\\\"sessionId\\\":\\\"" + session
                + "\\\",\\\"userId\\\":\\\"" + user + "\\\"}";
        return "{\"event\":\"participant_joined\",\"id\":\"EV_bench_" + UUID.randomUUID() + "\",\"createdAt\":\""
                + Instant.now().getEpochSecond() + "\",\"room\":{\"sid\":\"RM_bench\",\"name\":\"session-" + session
                + "\"},\"participant\":{\"sid\":\"" + sid + "\",\"identity\":\"" + role + "-" + user
                + "\",\"state\":\"ACTIVE\",\"metadata\":\"" + metadata + "\",\"attributes\":{\"role\":\"" + role
                + "\",\"sessionId\":\"" + session + "\",\"userId\":\"" + user + "\"}}}";
    }

    /** POSTs a signed webhook to presence-service; fails unless it is answered 200. */
    static void post(String body) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(PRESENCE + "/v1/livekit/webhook"))
                .header("Content-Type", "application/webhook+json").header("Authorization", sign(body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("presence-service answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /** Signs like LiveKit: HS256 with the API secret, issuer = API key, sha256 = base64(SHA-256(body)). */
    private static String sign(String body) throws Exception {
        String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
        return JWT.create().withIssuer(KEY).withClaim("sha256", sha).withNotBefore(new Date())
                .withExpiresAt(new Date(System.currentTimeMillis() + 300_000)).sign(Algorithm.HMAC256(SECRET));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
