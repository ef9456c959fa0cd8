package dev.rendezvous.session.messaging;

import dev.rendezvous.session.service.Partitions;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The participant-events partitions this replica's fold is assigned, as the consumer group hands them
 * out; a session's partition is the one Kafka's default partitioner gives its key (the session id).
 */
@ApplicationScoped
@Default // the Partitions the rest of the service reads, besides the listener the consumer is given by name
@Identifier("participant-events-ownership")
public class PartitionOwnership implements KafkaConsumerRebalanceListener, Partitions {

    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile int partitionCount;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.stream().findFirst().ifPresent(p -> partitionCount = consumer.partitionsFor(p.topic()).size());
        partitions.forEach(p -> owned.add(p.partition()));
        Log.debugf("Folding participant-events partitions %s of %d", owned, partitionCount);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(p -> owned.remove(p.partition()));
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }

    @Override
    public boolean owns(UUID sessionId) {
        int count = partitionCount;
        return count > 0 && owned.contains(partitionOf(sessionId, count));
    }

    @Override
    public boolean ownsAny() {
        return !owned.isEmpty() && partitionCount > 0;
    }

    /** The partition of a key as Kafka's default partitioner chooses it: murmur2 of the key's bytes. */
    static int partitionOf(UUID sessionId, int partitions) {
        return Utils.toPositive(Utils.murmur2(sessionId.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
