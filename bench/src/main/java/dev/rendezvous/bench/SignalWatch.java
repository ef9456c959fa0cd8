package dev.rendezvous.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches {@code session-signals} from its end (at the time of opening) and notes, for a set of
 * sessions, when each reached a target version; also checks that versions never go down per key.
 */
final class SignalWatch implements AutoCloseable {

    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");

    private final Set<String> sessions;
    private final long target;
    private final Map<String, Long> highest = new ConcurrentHashMap<>();
    private final Map<String, Long> reachedAt = new ConcurrentHashMap<>();
    private final CountDownLatch done;
    private final AtomicLong firstSignal = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Thread poller;
    private volatile boolean open = true;

    SignalWatch(Set<String> sessions, long target) {
        this.sessions = sessions;
        this.target = target;
        this.done = new CountDownLatch(sessions.size());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Lab.BOOTSTRAP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Lab.SIGNALS).stream()
                .map((PartitionInfo p) -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now, before anything is published
        poller = new Thread(() -> {
            try (consumer) {
                while (open) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                        see(record);
                    }
                }
            }
        }, "signal-watch");
        poller.setDaemon(true);
        poller.start();
    }

    private void see(ConsumerRecord<String, String> record) {
        if (!sessions.contains(record.key())) {
            return;
        }
        long now = System.nanoTime();
        firstSignal.compareAndSet(0, now);
        Matcher m = VERSION.matcher(record.value());
        if (!m.find()) {
            return;
        }
        long version = Long.parseLong(m.group(1));
        Long before = highest.get(record.key());
        if (before != null && version == before) {
            duplicates.incrementAndGet();
        } else if (before != null && version < before) {
            outOfOrder.incrementAndGet();
        }
        if (before == null || version > before) {
            highest.put(record.key(), version);
        }
        if (version >= target && reachedAt.putIfAbsent(record.key(), now) == null) {
            done.countDown();
        }
    }

    /** Waits until every session reached the target; false on timeout. */
    boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    long missing() {
        return done.getCount();
    }

    long firstSignalNanos() {
        return firstSignal.get();
    }

    long lastReachedNanos() {
        return reachedAt.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** When each session reached the target, by session id (System.nanoTime). */
    Map<String, Long> reachedAt() {
        return reachedAt;
    }

    long outOfOrder() {
        return outOfOrder.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        poller.join(5000);
    }
}
