package dev.rendezvous.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * How soon a page hears READY: from the moment the second participant's join webhook is sent to
 * presence-service until session-service's event stream delivers READY (webhook -> Kafka -> fold ->
 * outbox -> Kafka -> stream). Baseline, same run: the two Kafka hops alone, as a record produced
 * and consumed twice in a row on the same broker.
 */
public final class ReadinessLatencyBench {

    private static final String SESSION = env("SESSION_SERVICE_URL", "http://127.0.0.1:8083");
    private static final String BOOTSTRAP = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final int COUNT = Integer.parseInt(env("BENCH_SESSIONS", "100"));
    private static final int WARMUP = 20;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        System.out.printf("join webhook -> READY on the stream, %d sessions after %d warm-up%n", COUNT, WARMUP);
        String backend = backendJwt();
        measure(WARMUP, backend);
        long[] subject = measure(COUNT, backend);
        long[] baseline = twoKafkaHops(COUNT);
        Stats.print("baseline: 2 Kafka hops", baseline);
        Stats.print("webhook -> READY on SSE", subject);
        System.out.printf("ratio (READY / baseline): p50 %.2fx, p99 %.2fx%n",
                Stats.percentile(subject, 50) / Stats.percentile(baseline, 50),
                Stats.percentile(subject, 99) / Stats.percentile(baseline, 99));
    }

    private static long[] measure(int count, String backend) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            String customer = "bench-c-" + UUID.randomUUID().toString().substring(0, 8);
            String mechanic = "bench-m-" + customer.substring(8);
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(SESSION + "/v1/sessions"))
                    .header("Authorization", "Bearer " + backend).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"" + customer + "\",\"mechanicId\":\"" + mechanic + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String session = created.body().replaceAll(".*\"sessionId\":\"([^\"]+)\".*", "$1");
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            var stream = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(SESSION + "/v1/sessions/" + session + "/stream"))
                    .header("Authorization", "Bearer " + backend).build(), HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(r -> r.body().filter(l -> l.startsWith("data:")).forEach(events::add));
            take(events, "\"version\":1");
            WebhookIngestBench.post(WebhookIngestBench.joined(session, "customer", customer, "PA_c" + i));
            take(events, "\"version\":2");
            long start = System.nanoTime();
            WebhookIngestBench.post(WebhookIngestBench.joined(session, "mechanic", mechanic, "PA_m" + i));
            take(events, "\"status\":\"READY\"");
            nanos[i] = System.nanoTime() - start;
            stream.cancel(true);
        }
        return nanos;
    }

    private static void take(BlockingQueue<String> events, String expected) throws InterruptedException {
        while (true) {
            String event = events.poll(10, TimeUnit.SECONDS);
            if (event == null) {
                throw new IllegalStateException("no event with " + expected + " within 10 s");
            }
            if (event.contains(expected)) {
                return;
            }
        }
    }

    private static long[] twoKafkaHops(int count) {
        String first = "bench-hop1-" + UUID.randomUUID();
        String second = "bench-hop2-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "1"), new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> one = consumer(first); KafkaConsumer<String, String> two = consumer(second)) {
            for (int i = 0; i < 3; i++) { // topics exist and both consumers own their partition before timing
                producer.send(new ProducerRecord<>(first, "k", "warm")).get();
                producer.send(new ProducerRecord<>(second, "k", "warm")).get();
                drain(one);
                drain(two);
            }
            long[] nanos = new long[count];
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(first, "k", "v" + i)).get();
                awaitRecord(one);
                producer.send(new ProducerRecord<>(second, "k", "v" + i)).get();
                awaitRecord(two);
                nanos[i] = System.nanoTime() - start;
            }
            return nanos;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaConsumer<String, String> consumer(String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ConsumerConfig.GROUP_ID_CONFIG, topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static void drain(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && consumer.poll(Duration.ofMillis(100)).isEmpty()) {
            // keep polling until the group has the partition and the warm-up record arrives
        }
    }

    private static void awaitRecord(KafkaConsumer<String, String> consumer) {
        while (consumer.poll(Duration.ofMillis(1)).isEmpty()) {
            // busy-poll: the page's stream is pushed to as soon as the record arrives, so is this
        }
    }

    /** A backend JWT signed with the development key that deploy/local generated. */
    private static String backendJwt() throws Exception {
        Path key = Path.of(env("RENDEZVOUS_DEV_JWT_KEY", "../.local/jwt/privateKey.pem"));
        String pem = Files.readString(key).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        RSAPrivateKey privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        return JWT.create().withIssuer(env("MP_JWT_VERIFY_ISSUER", "https://rendezvous.dev/issuer")).withSubject("bench")
                .withArrayClaim("groups", new String[] {"backend"}).withIssuedAt(new Date())
                .withExpiresAt(new Date(System.currentTimeMillis() + 3_600_000)).sign(Algorithm.RSA256(null, privateKey));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
