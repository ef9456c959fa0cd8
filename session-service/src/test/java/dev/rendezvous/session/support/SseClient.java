package dev.rendezvous.session.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A minimal Server-Sent Events reader, as a browser's EventSource would read the stream. */
public final class SseClient implements AutoCloseable {

    /** One event: its id and its JSON data. */
    public record Event(String id, JsonNode data) {
        public String status() {
            return data.path("status").asText();
        }

        public long version() {
            return data.path("version").asLong();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> done;
    private volatile int status;

    /**
     * A test names the caller in the URI ({@code ?access_token=<jwt>}) for brevity; it is sent as the
     * Authorization header, since the service takes no JWT from a URL.
     */
    private SseClient(URI uri, String lastEventId) {
        String query = uri.getRawQuery();
        String jwt = null;
        if (query != null && query.contains("access_token=")) {
            int at = query.indexOf("access_token=") + "access_token=".length();
            int end = query.indexOf('&', at);
            jwt = query.substring(at, end < 0 ? query.length() : end);
            String rest = (query.substring(0, at - "access_token=".length()) + (end < 0 ? "" : query.substring(end + 1)))
                    .replaceAll("&$", "");
            uri = URI.create(uri.toString().substring(0, uri.toString().indexOf('?')) + (rest.isEmpty() ? "" : "?" + rest));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (jwt != null) {
            request.header("Authorization", "Bearer " + jwt);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        done = HttpClient.newHttpClient()
                .sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    status = response.statusCode();
                    read(response.body());
                });
    }

    public static SseClient open(URI uri) {
        return new SseClient(uri, null);
    }

    public static SseClient resume(URI uri, long lastEventId) {
        return new SseClient(uri, Long.toString(lastEventId));
    }

    private void read(Stream<String> lines) {
        String[] id = {null};
        StringBuilder data = new StringBuilder();
        lines.forEach(line -> {
            if (line.startsWith("id:")) {
                id[0] = line.substring(3).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            } else if (line.startsWith(":")) {
                comments.add(line);
            } else if (line.isEmpty() && data.length() > 0) {
                try {
                    events.add(new Event(id[0], JSON.readTree(data.toString())));
                } catch (Exception e) {
                    throw new IllegalStateException("unreadable event data: " + data, e);
                }
                data.setLength(0);
            }
        });
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<String> statuses() {
        return events.stream().map(Event::status).toList();
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    public boolean isClosedByServer() {
        return done.isDone() && !done.isCompletedExceptionally();
    }

    public int httpStatus() {
        return status;
    }

    @Override
    public void close() {
        done.cancel(true);
    }
}
