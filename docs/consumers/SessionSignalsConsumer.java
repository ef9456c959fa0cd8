// Follows session-signals with kafka-clients 4.x and Jackson: one line per session that became READY.
// A group with no committed offsets starts an hour back (auto.offset.reset=by_duration, Kafka 4.0+: not
// the whole topic, not "now"); after that it resumes where it committed. Keep the highest version per
// session: after a crash a record may come again.
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class SessionSignalsConsumer {
    public static void main(String[] args) throws Exception {
        Map<String, Object> config = Map.of(
                "bootstrap.servers", System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                "group.id", System.getenv().getOrDefault("GROUP_ID", "billing"),
                "auto.offset.reset", "by_duration:PT1H");
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> versions = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(System.getenv().getOrDefault("SESSION_SIGNALS_TOPIC", "session-signals")));
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    JsonNode snapshot = json.readTree(record.value());   // ignore fields you do not know: more may come
                    long version = snapshot.get("version").asLong();
                    if (version <= versions.getOrDefault(record.key(), 0L)) {
                        continue;                                       // seen already
                    }
                    versions.put(record.key(), version);
                    if (snapshot.get("status").asText().equals("READY")) {
                        System.out.println("READY " + record.key() + " v" + version);
                    }
                }
            }
        }
    }
}
