package dev.rendezvous.session.messaging;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Starts this replica's live signal consumer at the signals published since the replica started,
 * not at the end of the topic as it is when the partitions are finally assigned: a browser can open
 * a stream as soon as the replica answers HTTP, before that assignment, and a signal published in
 * between would never reach it. A signal seen twice is harmless (a stream skips versions it has sent).
 */
@ApplicationScoped
@Identifier("session-signals-live")
public class LiveSignalsStart implements KafkaConsumerRebalanceListener {

    /** Records carry their producer's clock: allow for skew between replicas. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(10);

    private final Set<TopicPartition> started = ConcurrentHashMap.newKeySet();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // Only on a partition's first assignment: later ones resume from the committed position.
        Set<TopicPartition> fresh = partitions.stream().filter(started::add).collect(Collectors.toSet());
        if (fresh.isEmpty()) {
            return;
        }
        long from = ManagementFactory.getRuntimeMXBean().getStartTime() - CLOCK_SKEW.toMillis();
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(
                fresh.stream().collect(Collectors.toMap(Function.identity(), p -> from)));
        offsets.forEach((partition, offset) -> {
            // No record since then: the consumer's position, the end, is already right.
            if (offset != null) {
                consumer.seek(partition, offset.offset());
            }
        });
        Log.debugf("Live signals start at the replica's start on %s", fresh);
    }
}
