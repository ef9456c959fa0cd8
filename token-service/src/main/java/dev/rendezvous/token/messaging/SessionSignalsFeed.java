package dev.rendezvous.token.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.token.roster.RosterView;
import dev.rendezvous.token.roster.RosterConfig;
import dev.rendezvous.token.roster.RosterDirectory;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads every partition of session-signals into the {@link RosterDirectory}, from a lookback before
 * this replica started: every replica needs every session, so there is no consumer group and nothing
 * is committed. After each poll it asks the broker where the topic ends; once it has read up to there,
 * everything published before that question is known, and the directory is fresh as of that moment.
 */
@ApplicationScoped
public class SessionSignalsFeed {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final String ENDED = SessionStatus.ENDED.signalType();
    private static final Duration BROKER_CALL = Duration.ofSeconds(2);
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);

    private final RosterDirectory directory;
    private final RosterConfig config;
    private final ObjectMapper json;
    private final Map<String, Object> kafka;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public SessionSignalsFeed(RosterDirectory directory, RosterConfig config, ObjectMapper json,
                              @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.directory = directory;
        this.config = config;
        this.json = json;
        this.kafka = kafka;
    }

    void start(@Observes StartupEvent event) {
        if (!config.followSignals()) {
            Log.info("Rosters come from session-service on every mint (ROSTER_FOLLOW_SIGNALS=false)");
            return;
        }
        running = true;
        thread = new Thread(this::run, "session-signals-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }

    private void run() {
        long startedAt = System.currentTimeMillis();
        while (running) {
            try (KafkaConsumer<String, String> kafkaConsumer = newConsumer()) {
                consumer = kafkaConsumer;
                follow(kafkaConsumer, startedAt - config.lookback().toMillis());
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // The broker away, the topic missing: rosters come from session-service meanwhile.
                Log.warnf("Following %s failed (%s); rosters come from session-service until it resumes",
                        config.signalsTopic(), e.toString());
                sleep(Duration.ofSeconds(2));
            }
        }
    }

    private void follow(KafkaConsumer<String, String> consumer, long fromMillis) {
        List<TopicPartition> partitions = assign(consumer, fromMillis, List.of());
        long nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
        boolean warned = false;
        boolean caughtUpOnce = false;
        long followingSince = System.nanoTime();
        while (running) {
            long askedAt = System.nanoTime();
            Map<TopicPartition, Long> end;
            try {
                end = consumer.endOffsets(partitions, BROKER_CALL);
            } catch (TimeoutException e) {
                // The broker is away: keep the positions and ask again; the directory turns stale meanwhile.
                if (!warned) {
                    Log.warnf("The end of %s is unknown (%s); rosters come from session-service until it answers",
                            config.signalsTopic(), e.getMessage());
                    warned = true;
                }
                consumer.poll(POLL).forEach(this::apply);
                continue;
            }
            warned = false;
            while (running && !reached(consumer, end)) {
                consumer.poll(POLL).forEach(this::apply);
            }
            if (!caughtUpOnce) {
                caughtUpOnce = true;
                Log.infof("Rosters are local: %d sessions read from %s in %d ms", directory.size(),
                        config.signalsTopic(), (System.nanoTime() - followingSince) / 1_000_000);
            }
            directory.caughtUpAsOf(askedAt);
            consumer.poll(POLL).forEach(this::apply);
            if (System.nanoTime() > nextPartitionCheck) {
                partitions = assign(consumer, fromMillis, partitions);
                nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
            }
        }
    }

    /** Assigns every partition of the topic; partitions not read before start at {@code fromMillis}. */
    private List<TopicPartition> assign(KafkaConsumer<String, String> consumer, long fromMillis, List<TopicPartition> before) {
        List<PartitionInfo> infos = consumer.partitionsFor(config.signalsTopic(), BROKER_CALL);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + config.signalsTopic() + " has no partitions yet");
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        List<TopicPartition> fresh = partitions.stream().filter(p -> !before.contains(p)).toList();
        if (fresh.isEmpty()) {
            return before;
        }
        consumer.assign(partitions);
        // The ends first: a record written after this call lies at or after them, so it is never skipped.
        Map<TopicPartition, Long> ends = consumer.endOffsets(fresh, BROKER_CALL);
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(
                fresh.stream().collect(Collectors.toMap(Function.identity(), p -> fromMillis)), BROKER_CALL);
        for (TopicPartition partition : fresh) {
            OffsetAndTimestamp start = starts.get(partition);
            consumer.seek(partition, start != null ? start.offset() : ends.get(partition));
        }
        Log.infof("Following %s: %d partitions, new ones from %s", config.signalsTopic(), partitions.size(),
                Instant.ofEpochMilli(fromMillis));
        return partitions;
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey(), BROKER_CALL) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, String> record) {
        // A roster never changes and only an end changes what a mint reads: a session already held needs
        // nothing from its later signals but the ENDED one, so those are not parsed. A record without
        // the CloudEvents type header is parsed: it may be an end.
        String type = type(record);
        if (type != null && !ENDED.equals(type) && directory.holds(record.key())) {
            return;
        }
        try {
            SessionSnapshot snapshot = json.readValue(record.value(), SessionSnapshot.class);
            if (snapshot.sessionId() != null && snapshot.status() != null) {
                directory.apply(RosterView.of(snapshot));
            }
        } catch (Exception e) {
            Log.warnf("Skipped an unreadable session-signals record at %s-%d@%d: %s", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }

    private static String type(ConsumerRecord<String, String> record) {
        Header type = record.headers().lastHeader("ce_type");
        return type == null ? null : new String(type.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, String> newConsumer() {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A position the log no longer has (retention, a broker that lost its data): read what is left.
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "token-service-rosters-" + ProcessHandle.current().pid());
        return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    }

    private static void sleep(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
