package dev.rendezvous.token.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rendezvous.kernel.Refusal;
import dev.rendezvous.token.config.LiveKitConfig;
import io.livekit.server.RoomServiceClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.time.Duration;

/**
 * Opens a session's LiveKit room before its token is handed out. Ended means closed: the services ship
 * LiveKit with room auto-creation off, so a token minted before an end finds no room to join once
 * session-service has removed it, and only a mint (refused for an ended session) opens it again.
 * Opening an open room is harmless (LiveKit answers with the room). A room this replica opened is taken
 * as open for LIVEKIT_ROOM_REMEMBERED, a few seconds: asking on every mint made LiveKit's CreateRoom the
 * cost of a burst of mints for the same session. It stays under LiveKit's departure timeout, so a room
 * its people left and LiveKit closed is opened again by the next mint; a room removed by an end stays
 * closed (a token minted for it finds no room to join).
 */
@ApplicationScoped
public class LiveKitRoomOpener {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(3);
    private static final int OPENED_TRACKED = 100_000;

    private final RoomServiceClient client;
    private final Duration timeout;
    private final int emptyTimeoutSeconds;
    private final Counter calls;
    /** Rooms opened lately, bounded in size and time. */
    private final Cache<String, Boolean> opened;

    public LiveKitRoomOpener(LiveKitConfig config, MeterRegistry registry) {
        this.timeout = config.timeout();
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout).build();
        this.client = RoomServiceClient.createClient(config.httpUrl(), config.apiKey().orElseThrow(), config.apiSecret().orElseThrow(),
                () -> http);
        // An unjoined room lives as long as the token that opened it can still be used to join it.
        this.emptyTimeoutSeconds = (int) Math.max(60, config.tokenTtl().toSeconds());
        this.calls = registry.counter("rendezvous.livekit.calls", "call", "create_room");
        this.opened = Caffeine.newBuilder().expireAfterWrite(config.roomRemembered()).maximumSize(OPENED_TRACKED).build();
    }

    /** Completes once LiveKit has the room; a LiveKit that cannot be reached in time is a 503 the caller may retry. */
    public Uni<Void> open(String room) {
        if (opened.getIfPresent(room) != null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> {
                    calls.increment();
                    try {
                        var response = client.createRoom(room, emptyTimeoutSeconds).execute();
                        if (!response.isSuccessful()) {
                            throw new IOException("HTTP " + response.code());
                        }
                        opened.put(room, Boolean.TRUE);
                        return null;
                    } catch (IOException e) {
                        Log.warnf("LiveKit did not open room %s: %s", room, e.getMessage());
                        throw Refusal.unavailable("livekit-unavailable",
                                "LiveKit did not open the session's room; retry shortly", RETRY_AFTER);
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(timeout.plusSeconds(1)).failWith(() -> Refusal.unavailable("livekit-unavailable",
                        "LiveKit did not open the session's room in time; retry shortly", RETRY_AFTER))
                .replaceWithVoid();
    }
}
