package dev.rendezvous.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The published contract of one Kafka topic's records (contracts/schemas, described by
 * contracts/asyncapi.yaml): the JSON Schema of the value and the CloudEvents attributes, carried as
 * binary-mode {@code ce_*} headers. Each service's tests check the records it really produced, so
 * neither the schema nor the code can drift from the other unnoticed.
 */
public final class RecordContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    public static final RecordContract PARTICIPANT_EVENT = new RecordContract("participant-event", "/rendezvous/presence-service");
    public static final RecordContract TOKEN_EVENT = new RecordContract("token-event", "/rendezvous/token-service");
    public static final RecordContract SESSION_SIGNAL = new RecordContract("session-signal", "/rendezvous/session-service");
    /** The deadline records session-service writes to participant-events (beside presence-service's). */
    public static final RecordContract SESSION_DEADLINE = new RecordContract("session-deadline", "/rendezvous/session-service");

    private final String name;
    private final String source;
    private final JsonNode document;
    private final Schema schema;

    private RecordContract(String name, String source) {
        this.name = name;
        this.source = source;
        try (InputStream in = RecordContract.class.getResourceAsStream("/contracts/schemas/" + name + ".json")) {
            this.document = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema " + name, e);
        }
        this.schema = SCHEMAS.getSchema(document.toString());
    }

    /** The schema's {@code $id}: what records carry as their CloudEvents {@code dataschema}. */
    public String dataschema() {
        return document.get("$id").asText();
    }

    /** What is wrong with a record read from the topic (empty when it keeps the contract). */
    public List<String> violations(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return violations(record.value(), headers);
    }

    /** What is wrong with a value alone, e.g. a test's own record of another service's topic. */
    public List<String> valueViolations(String value) {
        try {
            return schema.validate(JSON.readTree(value)).stream().map(e -> name + ": " + e).toList();
        } catch (IOException e) {
            return List.of(name + ": the value is not JSON: " + e.getMessage());
        }
    }

    /**
     * What is wrong with a record: its value against the schema, its CloudEvents headers against the
     * attributes the contract names. Empty when the record keeps the contract.
     */
    public List<String> violations(String value, Map<String, String> headers) {
        List<String> found = new ArrayList<>(valueViolations(value));
        expect(found, headers, "ce_specversion", "1.0");
        expect(found, headers, "ce_source", source);
        expect(found, headers, "ce_datacontenttype", "application/json");
        // The base is the deployment's (SCHEMA_BASE_URL); the path names the schema and its version.
        String dataschema = headers.getOrDefault("ce_dataschema", "");
        if (!dataschema.matches("https?://\\S+") || !dataschema.endsWith(dataschema().substring(dataschema().indexOf("/schemas/") + 8))) {
            found.add(name + ": ce_dataschema " + dataschema + " is not an http(s) URL ending like " + dataschema());
        }
        List<String> types = new ArrayList<>();
        document.get("x-cloudevents-types").forEach(t -> types.add(t.asText()));
        if (!types.contains(headers.get("ce_type"))) {
            found.add(name + ": ce_type " + headers.get("ce_type") + " is none of " + types);
        }
        if (headers.getOrDefault("ce_id", "").isBlank()) {
            found.add(name + ": no ce_id");
        }
        try {
            OffsetDateTime.parse(headers.getOrDefault("ce_time", ""));
        } catch (DateTimeParseException e) {
            found.add(name + ": ce_time " + headers.get("ce_time") + " is not an RFC 3339 time");
        }
        return found;
    }

    private void expect(List<String> found, Map<String, String> headers, String header, String expected) {
        if (!expected.equals(headers.get(header))) {
            found.add(name + ": " + header + " is " + headers.get(header) + ", not " + expected);
        }
    }
}
