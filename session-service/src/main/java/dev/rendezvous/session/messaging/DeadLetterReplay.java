package dev.rendezvous.session.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sends the records {@link DeadLetters} set aside back to the topic they came from, to be folded again
 * (after a fix, or after an outage that was taken for bad data). Each dead-letter topic is read from where
 * the last replay stopped (consumer group {@code <group>-dead-letter-replay}) up to its end when the replay
 * began; the offsets are committed only once the broker has every record back. Folding is idempotent by
 * event id, so a record replayed twice is folded once.
 */
@ApplicationScoped
public class DeadLetterReplay {

    /** What one replay did for one source topic. */
    public record Replayed(String topic, String deadLetterTopic, int records, boolean more) {
    }

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Map<String, Object> kafka;
    private final List<String> sources;
    private final String group;
    private final MeterRegistry registry;

    public DeadLetterReplay(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                            @ConfigProperty(name = "mp.messaging.incoming.participant-events.topic") String participantEvents,
                            @ConfigProperty(name = "mp.messaging.incoming.token-events.topic") String tokenEvents,
                            @ConfigProperty(name = "mp.messaging.incoming.participant-events.group.id") String group,
                            MeterRegistry registry) {
        this.kafka = kafka;
        this.sources = List.of(participantEvents, tokenEvents);
        this.group = group + "-dead-letter-replay";
        this.registry = registry;
    }

    /** Replays at most {@code limit} records per topic; blocking (call it off the event loop). One replay at a time per replica. */
    public synchronized List<Replayed> replay(int limit) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig());
             KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            return sources.stream().map(source -> replay(consumer, producer, source, limit)).toList();
        }
    }

    private Replayed replay(KafkaConsumer<String, String> consumer, KafkaProducer<String, String> producer, String source, int limit) {
        String deadLetterTopic = source + "-dlq";
        List<PartitionInfo> infos = consumer.partitionsFor(deadLetterTopic, PATIENCE);
        if (infos == null || infos.isEmpty()) {
            return new Replayed(source, deadLetterTopic, 0, false);
        }
        Set<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(deadLetterTopic, p.partition()))
                .collect(Collectors.toSet());
        consumer.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions, PATIENCE);
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, PATIENCE);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, PATIENCE);
        Map<TopicPartition, Long> next = new HashMap<>();
        for (TopicPartition p : partitions) {
            OffsetAndMetadata at = committed.get(p);
            long from = Math.max(at == null ? 0 : at.offset(), beginning.get(p));
            consumer.seek(p, from);
            next.put(p, from);
        }
        int sent = 0;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (sent < limit && behind(next, end) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                TopicPartition p = new TopicPartition(record.topic(), record.partition());
                if (sent >= limit || record.offset() >= end.get(p)) {
                    continue;
                }
                producer.send(new ProducerRecord<>(source, null, record.key(), record.value(), withoutDeadLetterHeaders(record)));
                next.put(p, record.offset() + 1);
                sent++;
            }
        }
        // Committed only after the broker has every record back: a replay cut short is resumed, never lost.
        producer.flush();
        consumer.commitSync(next.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new OffsetAndMetadata(e.getValue()))), PATIENCE);
        consumer.unsubscribe();
        registry.counter("rendezvous.dead.letters.replayed", "topic", source).increment(sent);
        Log.infof("Replayed %d dead letter(s) from %s to %s", sent, deadLetterTopic, source);
        return new Replayed(source, deadLetterTopic, sent, behind(next, end));
    }

    private static boolean behind(Map<TopicPartition, Long> next, Map<TopicPartition, Long> end) {
        return next.entrySet().stream().anyMatch(e -> e.getValue() < end.get(e.getKey()));
    }

    /** The record as it first was: its own headers (trace, CloudEvents), without the reasons it was set aside. */
    private static RecordHeaders withoutDeadLetterHeaders(ConsumerRecord<String, String> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            if (!h.key().startsWith("dead-letter-")) {
                headers.add(h);
            }
        }
        headers.add("dead-letter-replayed-from", (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return config;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return config;
    }
}
