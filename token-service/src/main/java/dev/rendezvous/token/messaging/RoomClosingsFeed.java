package dev.rendezvous.token.messaging;

import dev.rendezvous.kernel.wire.ParticipantEventType;
import dev.rendezvous.token.config.LiveKitConfig;
import dev.rendezvous.token.rooms.OpenRooms;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows participant-events for LiveKit's room_finished, so this replica forgets a closed room as soon
 * as its event arrives and the next mint opens it again (a customer who comes back after everyone left).
 * Every replica needs every close, so there is no consumer group and nothing is committed; it reads from
 * where the topic ends when it starts (rooms closed before are those the first listing does not have).
 * Only the CloudEvents headers are read, never a record's body.
 */
@ApplicationScoped
public class RoomClosingsFeed {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration BROKER_CALL = Duration.ofSeconds(2);
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);
    private static final byte[] FINISHED = ParticipantEventType.ROOM_FINISHED.type().getBytes(StandardCharsets.UTF_8);

    private final OpenRooms rooms;
    private final String topic;
    private final boolean listing;
    private final Map<String, Object> kafka;
    private volatile boolean running;
    /** Whether the last attempt to follow failed: an outage is logged once, not every retry. */
    private boolean failing;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    public RoomClosingsFeed(OpenRooms rooms, LiveKitConfig livekit,
                            @ConfigProperty(name = "rendezvous.rooms.events-topic") String topic,
                            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.rooms = rooms;
        this.topic = topic;
        this.listing = !livekit.roomsListedEvery().isZero();
        this.kafka = kafka;
    }

    void start(@Observes StartupEvent event) {
        if (!listing) {
            return; // nothing is known open, so nothing needs forgetting
        }
        running = true;
        thread = new Thread(this::run, "room-closings-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> kafkaConsumer = newConsumer()) {
                consumer = kafkaConsumer;
                follow(kafkaConsumer);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // Closes missed meanwhile are forgotten by the next listing of LiveKit's rooms that lacks them.
                if (!failing) {
                    Log.warnf("Following room closes on %s failed (%s); retrying every 2 s, and LiveKit's room "
                            + "listings forget closed rooms meanwhile", topic, e.toString());
                    failing = true;
                } else {
                    Log.debugf("Following room closes on %s failed again: %s", topic, e.toString());
                }
                sleep(Duration.ofSeconds(2));
            }
        }
    }

    private void follow(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = List.of();
        long nextPartitionCheck = 0;
        while (running) {
            if (System.nanoTime() >= nextPartitionCheck) {
                partitions = assign(consumer, partitions);
                failing = false;
                nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                String room = finishedRoom(record);
                if (room != null) {
                    rooms.finished(room);
                }
            }
        }
    }

    /** The room a room_finished record names (its CloudEvents subject); null for every other record. */
    static String finishedRoom(ConsumerRecord<byte[], byte[]> record) {
        Header type = record.headers().lastHeader("ce_type");
        if (type == null || !Arrays.equals(type.value(), FINISHED)) {
            return null;
        }
        Header subject = record.headers().lastHeader("ce_subject");
        return subject == null ? null : new String(subject.value(), StandardCharsets.UTF_8);
    }

    /** Assigns every partition of the topic; partitions new to this consumer are read from their end. */
    private List<TopicPartition> assign(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> before) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, BROKER_CALL);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions yet");
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        List<TopicPartition> fresh = partitions.stream().filter(p -> !before.contains(p)).toList();
        if (fresh.isEmpty()) {
            return before;
        }
        consumer.assign(partitions);
        consumer.seekToEnd(fresh);
        fresh.forEach(partition -> consumer.position(partition, BROKER_CALL)); // fixes the end now, not at the next poll
        return partitions;
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "token-service-room-closings-" + ProcessHandle.current().pid());
        return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void sleep(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
