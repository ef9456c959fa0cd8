package dev.rendezvous.session.messaging;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LiveSignalsStartTest {

    private static final TopicPartition P0 = new TopicPartition("session-signals", 0);
    private static final TopicPartition P1 = new TopicPartition("session-signals", 1);

    /** Kafka's own test consumer, with offsetsForTimes answered as a broker would for these records. */
    private static final class Consumer extends MockConsumer<String, String> {
        private final Map<TopicPartition, Long> firstOffsetSinceStart;

        Consumer(Map<TopicPartition, Long> firstOffsetSinceStart) {
            super("latest");
            this.firstOffsetSinceStart = firstOffsetSinceStart;
        }

        @Override
        public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> query) {
            long start = ManagementFactory.getRuntimeMXBean().getStartTime();
            query.values().forEach(from -> assertThat(from).as("from the replica's start, less the clock skew")
                    .isEqualTo(start - LiveSignalsStart.CLOCK_SKEW.toMillis()));
            Map<TopicPartition, OffsetAndTimestamp> answer = new HashMap<>();
            query.keySet().forEach(p -> answer.put(p, firstOffsetSinceStart.containsKey(p)
                    ? new OffsetAndTimestamp(firstOffsetSinceStart.get(p), start) : null));
            return answer;
        }
    }

    @Test
    void shouldStartAtTheFirstSignalSinceTheReplicaStartedNotAtTheEnd() {
        Consumer consumer = new Consumer(Map.of(P0, 40L));
        consumer.assign(List.of(P0, P1));
        consumer.updateEndOffsets(Map.of(P0, 45L, P1, 7L));
        consumer.seekToEnd(List.of(P0, P1));

        new LiveSignalsStart().onPartitionsAssigned(consumer, List.of(P0, P1));

        assertThat(consumer.position(P0)).as("the five signals published since the start are read").isEqualTo(40L);
        assertThat(consumer.position(P1)).as("nothing since the start: stays at the end").isEqualTo(7L);
    }

    @Test
    void shouldResumeAPartitionAssignedAgainFromWhereItWas() {
        LiveSignalsStart start = new LiveSignalsStart();
        Consumer consumer = new Consumer(Map.of(P0, 40L));
        consumer.assign(List.of(P0));
        consumer.updateEndOffsets(Map.of(P0, 45L));
        start.onPartitionsAssigned(consumer, List.of(P0));
        consumer.seek(P0, 44L); // read on to 44, then the partition is revoked and assigned again

        start.onPartitionsAssigned(consumer, List.of(P0));

        assertThat(consumer.position(P0)).as("a later assignment does not replay from the start again").isEqualTo(44L);
    }
}
