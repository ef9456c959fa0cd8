package dev.rendezvous.token.health;

import dev.rendezvous.token.config.LiveKitConfig;
import dev.rendezvous.token.rooms.OpenRooms;
import dev.rendezvous.token.rooms.RoomListing;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether LiveKit answers its RoomService, reported without failing readiness: a mint needs LiveKit only
 * to open the room (and answers 503 {@code livekit-unavailable} while it cannot), so a LiveKit blip must
 * not take every token-service pod out of its Service and turn those answers into connection errors. The
 * check stays UP and says {@code reachable: false} (degraded). It reports the last periodic listing of
 * LiveKit's rooms rather than calling LiveKit per probe: a listing is as large as LiveKit's room count.
 */
@Readiness
@ApplicationScoped
public class LiveKitHealthCheck implements HealthCheck {

    private final RoomListing listing;
    private final OpenRooms rooms;
    private final String url;

    public LiveKitHealthCheck(RoomListing listing, OpenRooms rooms, LiveKitConfig config) {
        this.listing = listing;
        this.rooms = rooms;
        this.url = config.httpUrl();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("livekit").up().withData("url", url);
        if (!listing.isOn()) {
            return response.withData("listing", "off (LIVEKIT_ROOMS_LISTED_EVERY=0)").build();
        }
        String failure = listing.failure();
        response.withData("reachable", failure == null).withData("roomsKnown", rooms.size());
        if (failure != null) {
            response.withData("degraded", "mints ask LiveKit for every room and answer 503 livekit-unavailable while it cannot")
                    .withData("error", failure);
        }
        return response.build();
    }
}
