package dev.rendezvous.token.rooms;

import dev.rendezvous.token.config.LiveKitConfig;
import io.livekit.server.RoomServiceClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import livekit.LivekitModels;
import retrofit2.Response;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Lists LiveKit's rooms into {@link OpenRooms} at start and every LIVEKIT_ROOMS_LISTED_EVERY: a replica
 * that has just started knows at once which rooms are open (its first mints do not each ask LiveKit to
 * open one, which bounded a restarted replica at LiveKit's pace), and a room LiveKit lost without an
 * event (a restart) is forgotten within an interval. One call per interval, its size the rooms LiveKit has.
 */
@ApplicationScoped
public class RoomListing {

    /** Rooms remembered at most (about 150 bytes each); beyond it, mints for other rooms ask LiveKit. */
    static final int CAPACITY = 100_000;

    private final RoomServiceClient client;
    private final Duration every;
    private final OpenRooms rooms;
    private final Counter calls;
    private ScheduledExecutorService timer;
    private volatile String failure = "not listed yet";

    public RoomListing(RoomServiceClient client, LiveKitConfig config, MeterRegistry registry) {
        this.client = client;
        this.every = config.roomsListedEvery();
        this.rooms = new OpenRooms(CAPACITY, every.multipliedBy(3).toNanos(), System::nanoTime);
        this.calls = registry.counter("rendezvous.livekit.calls", "call", "list_rooms");
        registry.gauge("rendezvous.livekit.rooms.known", rooms, OpenRooms::size);
    }

    @Produces
    @Singleton
    OpenRooms openRooms() {
        return rooms;
    }

    void start(@Observes StartupEvent event) {
        if (every.isZero()) {
            Log.info("LiveKit's rooms are not listed (LIVEKIT_ROOMS_LISTED_EVERY=0): every mint asks LiveKit to open its room");
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "livekit-room-listing");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::listOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    public boolean isOn() {
        return !every.isZero();
    }

    /** Why the last listing failed; null when it succeeded. */
    public String failure() {
        return failure;
    }

    /** One listing; a failure is logged once per outage and leaves what is known to age out. */
    void listOnce() {
        long askedAt = rooms.now();
        try {
            calls.increment();
            Response<List<LivekitModels.Room>> response = client.listRooms(null).execute();
            if (!response.isSuccessful()) {
                throw new IOException("HTTP " + response.code());
            }
            List<LivekitModels.Room> listed = response.body() == null ? List.of() : response.body();
            rooms.listed(listed.stream().map(LivekitModels.Room::getName).toList(), askedAt);
            if (failure != null) {
                Log.infof("LiveKit's rooms listed: %d open", listed.size());
                failure = null;
            }
        } catch (Exception e) { // anything thrown here would end the schedule
            if (failure == null) {
                Log.warnf("LiveKit's rooms could not be listed (%s); mints ask LiveKit for rooms not seen lately", e.getMessage());
            }
            failure = String.valueOf(e.getMessage());
        }
    }
}
