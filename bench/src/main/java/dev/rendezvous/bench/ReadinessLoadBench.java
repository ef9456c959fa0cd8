package dev.rendezvous.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Readiness latency under open-loop arrivals: at a fixed rate, a new session is created, the
 * customer's stream opened (with the customer's JWT, as their page does), the customer's join webhook
 * sent and seen (version 2), then the mechanic's join webhook sent; measured from that send to READY
 * on the stream. Arrivals keep their schedule whatever the answers, as real users do. Baseline, same
 * run and rate: two bare Kafka hops.
 */
public final class ReadinessLoadBench {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        int seconds = Lab.envInt("BENCH_SECONDS", 10);
        String backend = Lab.backendJwt();
        String[] rates = Lab.env("BENCH_RATES", "100,200,500").split(",");
        // A freshly started system spends its first minute compiling (every JVM's JIT on 2 cores).
        int warmup = Lab.envInt("BENCH_WARMUP_SECONDS", 15);
        System.out.printf("readiness under open-loop arrivals, %d s per rate after a %d s warm-up at that rate%n", seconds, warmup);
        for (String r : rates) {
            int rate = Integer.parseInt(r.trim());
            Series baseline = twoKafkaHops(rate, seconds);
            load(rate, warmup, backend); // not counted
            Series subject = load(rate, seconds, backend);
            baseline.print("baseline: 2 Kafka hops @" + rate + "/s");
            subject.print("second join -> READY @" + rate + "/s");
            System.out.printf("  ratio p50 %.2fx, p99 %.2fx%n", subject.percentile(50) / baseline.percentile(50),
                    subject.percentile(99) / baseline.percentile(99));
        }
    }

    /** Latencies with their error count. */
    record Series(long[] nanos, int errors, int arrivals) {
        double percentile(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * p / 100))] / 1e6;
        }

        void print(String name) {
            System.out.printf("%-38s p50 %7.2f  p90 %7.2f  p99 %7.2f  max %7.2f ms  errors %d of %d%n", name,
                    percentile(50), percentile(90), percentile(99), percentile(100), errors, arrivals);
        }
    }

    static Series load(int rate, int seconds, String backend) throws Exception {
        return load(rate, seconds, backend, sessions -> endAll(sessions, backend));
    }

    /** What is done with the sessions a run made, once it is over. */
    interface Afterwards {
        void accept(List<String> sessions) throws Exception;
    }

    /** Runs the journeys at the rate; {@code afterwards} gets the sessions they made. */
    static Series load(int rate, int seconds, String backend, Afterwards afterwards) throws Exception {
        int arrivals = rate * seconds;
        // Signed before the clock starts: signing is the benchmark's work, not the arrivals'.
        List<String> customers = new ArrayList<>(arrivals);
        for (int n = 0; n < arrivals; n++) {
            customers.add(Lab.jwt("rl-c-" + n, "user"));
        }
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<Void>> journeys = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        try (LoadClient client = new LoadClient(backend)) {
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger started = new AtomicInteger();
            CompletableFuture<Void> allStarted = new CompletableFuture<>();
            clock.scheduleAtFixedRate(() -> {
                int n = started.getAndIncrement();
                if (n >= arrivals) {
                    allStarted.complete(null);
                    return;
                }
                CompletableFuture<Void> journey = journey(client, n, customers.get(n), latencies, sessions)
                        .exceptionally(e -> {
                            if (errors.incrementAndGet() == 1) {
                                System.out.println("  first error: " + e);
                            }
                            return null;
                        });
                synchronized (journeys) {
                    journeys.add(journey);
                }
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            allStarted.join();
            clock.shutdownNow();
            synchronized (journeys) {
                CompletableFuture.allOf(journeys.toArray(CompletableFuture[]::new)).join();
            }
        }
        synchronized (sessions) {
            afterwards.accept(List.copyOf(sessions));
        }
        return new Series(latencies.stream().mapToLong(Long::longValue).toArray(), errors.get(), arrivals);
    }

    private static CompletableFuture<Void> journey(LoadClient client, int n, String customerJwt,
                                                   ConcurrentLinkedQueue<Long> latencies, List<String> sessions) {
        String customer = "rl-c-" + n;
        String mechanic = "rl-m-" + n;
        return client.create(customer, mechanic).thenCompose(session -> {
            synchronized (sessions) {
                sessions.add(session);
            }
            LoadClient.Stream stream = client.stream(session, customerJwt);
            return stream.opened
                    .thenCompose(v -> client.webhook(Lab.joined(session, "customer", customer, "PA_c" + n)))
                    .thenCompose(v -> stream.waiting)
                    .thenCompose(v -> {
                        long start = System.nanoTime();
                        return client.webhook(Lab.joined(session, "mechanic", mechanic, "PA_m" + n))
                                .thenCompose(w -> stream.ready)
                                .thenAccept(w -> latencies.add(System.nanoTime() - start));
                    })
                    .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((v, e) -> stream.close());
        }).toCompletableFuture();
    }

    /** Ends the sessions the run left READY, so they cost nothing afterwards (a closed room no longer ends one). */
    static void endAll(List<String> sessions, String backend) throws Exception {
        List<String> all;
        synchronized (sessions) {
            all = List.copyOf(sessions);
        }
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        try (LoadClient client = new LoadClient(backend)) {
            for (String session : all) {
                inFlight.acquire();
                ends.add(client.end(session).toCompletableFuture().whenComplete((v, e) -> inFlight.release())
                        .exceptionally(e -> null));
            }
            CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).join();
        }
    }

    /** Records produced at the rate to topic one, relayed by a consumer to topic two, timed on arrival there. */
    static Series twoKafkaHops(int rate, int seconds) throws Exception {
        String first = "bench-hop1-" + UUID.randomUUID();
        String second = "bench-hop2-" + UUID.randomUUID();
        int count = rate * seconds;
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Lab.BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "1");
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> one = consumer(first); KafkaConsumer<String, String> two = consumer(second)) {
            producer.send(new ProducerRecord<>(first, "warm", "0")).get();
            producer.send(new ProducerRecord<>(second, "warm", "0")).get();
            awaitAssigned(one);
            awaitAssigned(two);
            Thread relay = new Thread(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 15).toNanos();
                int relayed = 0;
                while (relayed < count && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : one.poll(Duration.ofMillis(1))) {
                        if (!r.key().equals("warm")) {
                            producer.send(new ProducerRecord<>(second, r.key(), r.value()));
                            relayed++;
                        }
                    }
                }
            });
            relay.start();
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger sent = new AtomicInteger();
            clock.scheduleAtFixedRate(() -> {
                if (sent.get() < count) {
                    producer.send(new ProducerRecord<>(first, "k" + sent.getAndIncrement(), Long.toString(System.nanoTime())));
                }
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 15).toNanos();
            while (latencies.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : two.poll(Duration.ofMillis(1))) {
                    if (!r.key().equals("warm")) {
                        latencies.add(System.nanoTime() - Long.parseLong(r.value()));
                    }
                }
            }
            clock.shutdownNow();
            relay.join();
        }
        return new Series(latencies.stream().mapToLong(Long::longValue).toArray(), count - latencies.size(), count);
    }

    private static KafkaConsumer<String, String> consumer(String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Lab.BOOTSTRAP,
                ConsumerConfig.GROUP_ID_CONFIG, topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static void awaitAssigned(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && consumer.poll(Duration.ofMillis(100)).isEmpty()) {
            // until the group owns the partition and the warm-up record arrived
        }
    }
}
