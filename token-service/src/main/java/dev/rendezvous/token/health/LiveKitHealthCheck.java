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

/** Ready only while LiveKit answers its RoomService; checked off the event loop with a short timeout. */
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
                        return HealthCheckResponse.named("livekit").status(response.isSuccessful())
                                .withData("url", url).withData("http", response.code()).build();
                    } catch (Exception e) {
                        return HealthCheckResponse.named("livekit").down().withData("url", url)
                                .withData("error", String.valueOf(e.getMessage())).build();
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
