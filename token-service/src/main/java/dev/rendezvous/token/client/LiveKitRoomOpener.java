package dev.rendezvous.token.client;

import dev.rendezvous.kernel.Refusal;
import dev.rendezvous.token.config.LiveKitConfig;
import dev.rendezvous.token.rooms.OpenRooms;
import io.livekit.server.RoomServiceClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Duration;

/**
 * Opens a session's LiveKit room before its token is handed out. Ended means closed: the services ship
 * LiveKit with room auto-creation off, so a token minted before an end finds no room to join once
 * session-service has removed it, and only a mint (refused for an ended session) opens it again.
 * Opening an open room is harmless (LiveKit answers with the room); a room known open ({@link OpenRooms})
 * is not asked for at all, since asking on every mint bounded mints at LiveKit's pace.
 */
@ApplicationScoped
public class LiveKitRoomOpener {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(3);

    private final RoomServiceClient client;
    private final OpenRooms open;
    private final Duration timeout;
    private final int emptyTimeoutSeconds;
    private final Counter calls;

    public LiveKitRoomOpener(RoomServiceClient client, OpenRooms open, LiveKitConfig config, MeterRegistry registry) {
        this.client = client;
        this.open = open;
        this.timeout = config.timeout();
        // An unjoined room lives as long as the token that opened it can still be used to join it.
        this.emptyTimeoutSeconds = (int) Math.max(60, config.tokenTtl().toSeconds());
        this.calls = registry.counter("rendezvous.livekit.calls", "call", "create_room");
    }

    /** Completes once LiveKit has the room; a LiveKit that cannot be reached in time is a 503 the caller may retry. */
    public Uni<Void> open(String room) {
        if (open.isOpen(room)) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> {
                    calls.increment();
                    try {
                        var response = client.createRoom(room, emptyTimeoutSeconds).execute();
                        if (!response.isSuccessful()) {
                            throw new IOException("HTTP " + response.code());
                        }
                        open.opened(room);
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
