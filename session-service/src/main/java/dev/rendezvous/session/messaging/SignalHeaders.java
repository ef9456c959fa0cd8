package dev.rendezvous.session.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The headers of a record on {@code session-signals}: its CloudEvents id, {@code <sessionId>:<version>},
 * written by the relay's send and read back by every replica's live consumer, and the others as text.
 */
final class SignalHeaders {

    private SignalHeaders() {
    }

    /** The CloudEvents id of a session's signal at a version. */
    static String id(UUID sessionId, long version) {
        return sessionId + ":" + version;
    }

    /** The version the record's {@code ce_id} names, or 0 when it names none. */
    static long version(ConsumerRecord<String, String> record) {
        String id = text(record, "ce_id");
        int colon = id == null ? -1 : id.lastIndexOf(':');
        try {
            return colon < 0 ? 0 : Long.parseLong(id.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A header's value as text, or null when the record has no such header. */
    static String text(ConsumerRecord<String, String> record, String name) {
        return text(record.headers(), name);
    }

    /** A header's value as text, or null when there is no such header. */
    static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
