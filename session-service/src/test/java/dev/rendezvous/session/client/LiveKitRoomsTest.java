package dev.rendezvous.session.client;

import com.sun.net.httpserver.HttpServer;
import dev.rendezvous.session.config.LiveKitConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only LiveKit's own "no such room" means an empty room; any other 404 says nothing about it. */
class LiveKitRoomsTest {

    private static LiveKitRooms rooms(String url) {
        return rooms(url, Duration.ofSeconds(6));
    }

    private static LiveKitRooms rooms(String url, Duration timeout) {
        return new LiveKitRooms(new LiveKitConfig() {
            @Override
            public Optional<String> url() {
                return Optional.of(url);
            }

            @Override
            public Optional<String> apiKey() {
                return Optional.of(env("LIVEKIT_API_KEY", "devkey"));
            }

            @Override
            public Optional<String> apiSecret() {
                return Optional.of(env("LIVEKIT_API_SECRET", "rendezvous-dev-secret-0123456789abcdef"));
            }

            @Override
            public Duration timeout() {
                return timeout;
            }
        }, new SimpleMeterRegistry());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Test
    void shouldReadARoomTheRealLiveKitDoesNotHaveAsEmpty() {
        LiveKitRooms livekit = rooms(env("LIVEKIT_URL", "ws://127.0.0.1:7880"));
        var listed = livekit.listParticipants("session-" + UUID.randomUUID()).await().atMost(Duration.ofSeconds(10));
        assertThat(listed == null || listed.isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseToReadAProxysNotFoundAsAnEmptyRoom() throws Exception {
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            byte[] page = "<html><body>404 page not found</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(404, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        proxy.start();
        try {
            LiveKitRooms misrouted = rooms("http://127.0.0.1:" + proxy.getAddress().getPort());
            assertThatThrownBy(() -> misrouted.listParticipants("session-" + UUID.randomUUID()).await().atMost(Duration.ofSeconds(10)))
                    .isInstanceOf(LiveKitRooms.LiveKitException.class).hasMessageContaining("HTTP 404");
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void shouldWaitForASlowLiveKitAsLongAsLiveKitTimeoutSaysAndNoLonger() throws Exception {
        // LiveKit answers an empty participant list (an empty protobuf message) after 6 s.
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.createContext("/", exchange -> {
            try {
                Thread.sleep(6000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slow.start();
        try {
            String url = "http://127.0.0.1:" + slow.getAddress().getPort();
            var listed = rooms(url, Duration.ofSeconds(9)).listParticipants("session-" + UUID.randomUUID())
                    .await().atMost(Duration.ofSeconds(15));
            assertThat(listed).isEmpty();
            long started = System.nanoTime();
            assertThatThrownBy(() -> rooms(url, Duration.ofSeconds(2)).listParticipants("session-" + UUID.randomUUID())
                    .await().atMost(Duration.ofSeconds(15))).isInstanceOf(LiveKitRooms.LiveKitException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            slow.stop(0);
        }
    }
}
