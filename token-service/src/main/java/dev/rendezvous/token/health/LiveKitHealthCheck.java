package dev.rendezvous.token.health;

import dev.rendezvous.token.config.LiveKitConfig;
import io.livekit.server.RoomServiceClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.OkHttpClient;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * Whether LiveKit answers its RoomService, reported without failing readiness: a mint needs LiveKit only
 * to open the room (and answers 503 {@code livekit-unavailable} while it cannot), so a LiveKit blip must
 * not take every token-service pod out of its Service and turn those answers into connection errors. The
 * check stays UP and says {@code reachable: false} (degraded); checked off the event loop with a short timeout.
 */
@Readiness
@ApplicationScoped
public class LiveKitHealthCheck implements AsyncHealthCheck {

    private final RoomServiceClient rooms;
    private final String url;

    public LiveKitHealthCheck(LiveKitConfig config) {
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build();
        this.url = config.httpUrl();
        this.rooms = RoomServiceClient.createClient(url, config.apiKey().orElseThrow(), config.apiSecret().orElseThrow(),
                () -> http);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(() -> {
                    try {
                        var response = rooms.listRooms().execute();
                        return HealthCheckResponse.named("livekit").up().withData("url", url)
                                .withData("reachable", response.isSuccessful()).withData("http", response.code()).build();
                    } catch (Exception e) {
                        return HealthCheckResponse.named("livekit").up().withData("url", url).withData("reachable", false)
                                .withData("degraded", "mints answer 503 livekit-unavailable until LiveKit answers")
                                .withData("error", String.valueOf(e.getMessage())).build();
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
