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
        HttpClient http = HttpClient.newHttpClient();
        Step post = i -> {
            String body = webhook(i);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(PRESENCE + "/v1/livekit/webhook"))
                    .header("Content-Type", "application/webhook+json").header("Authorization", sign(body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("presence-service answered " + answer.statusCode() + ": " + answer.body());
            }
        };
        measure(WARMUP, post);
        long[] subject = measure(COUNT, post);
        // The same request refused at the signature: HTTP and the service, without Kafka.
        Step refused = i -> http.send(HttpRequest.newBuilder(URI.create(PRESENCE + "/v1/livekit/webhook"))
                .header("Content-Type", "application/webhook+json").header("Authorization", "not-a-signature")
                .POST(HttpRequest.BodyPublishers.ofString(webhook(i))).build(), HttpResponse.BodyHandlers.discarding());
        measure(WARMUP, refused);
        long[] withoutKafka = measure(COUNT, refused);

        print("baseline: Kafka send + ack", baseline);
        print("presence-service webhook", subject);
        print("  same, refused (no Kafka)", withoutKafka);
        System.out.printf("ratio (webhook / baseline): p50 %.2fx, p99 %.2fx, throughput %.2fx%n",
                percentile(subject, 50) / percentile(baseline, 50), percentile(subject, 99) / percentile(baseline, 99),
                throughput(subject) / throughput(baseline));
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

    private static void print(String name, long[] nanos) {
        System.out.printf("%-30s p50 %6.2f ms  p99 %6.2f ms  mean %6.2f ms  %7.0f/s%n", name, percentile(nanos, 50),
                percentile(nanos, 99), Arrays.stream(nanos).average().orElse(0) / 1e6, throughput(nanos));
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
    }

    private static double throughput(long[] nanos) {
        return nanos.length / (Arrays.stream(nanos).sum() / 1e9);
    }

    /** A participant_joined webhook as LiveKit sends it (protobuf JSON), for a fresh session. */
    private static String webhook(int i) {
        String session = UUID.randomUUID().toString();
        String metadata = "{\\\"role\\\":\\\"customer\\\",\\\"sessionId\\\":\\\"" + session + "\\\",\\\"userId\\\":\\\"bench-" + i + "\\\"}";
        return "{\"event\":\"participant_joined\",\"id\":\"EV_bench_" + UUID.randomUUID() + "\",\"createdAt\":\""
                + Instant.now().getEpochSecond() + "\",\"room\":{\"sid\":\"RM_bench\",\"name\":\"session-" + session
                + "\"},\"participant\":{\"sid\":\"PA_bench_" + i + "\",\"identity\":\"customer-bench-" + i
                + "\",\"state\":\"ACTIVE\",\"metadata\":\"" + metadata + "\",\"attributes\":{\"role\":\"customer\",\"sessionId\":\""
                + session + "\",\"userId\":\"bench-" + i + "\"}}}";
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
