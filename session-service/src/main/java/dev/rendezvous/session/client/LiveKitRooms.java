package dev.rendezvous.session.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.session.config.LiveKitConfig;
import io.livekit.server.RoomServiceClient;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import livekit.LivekitModels;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Response;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** LiveKit's RoomService through the official SDK; its blocking calls run off the event loop. */
@ApplicationScoped
public class LiveKitRooms {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RoomServiceClient client;

    public LiveKitRooms(LiveKitConfig config) {
        // A whole call, connecting included, may take LIVEKIT_TIMEOUT: the callers' own bound.
        OkHttpClient http = new OkHttpClient.Builder()
                .callTimeout(config.timeout())
                .connectTimeout(config.timeout())
                .readTimeout(config.timeout())
                .build();
        this.client = RoomServiceClient.createClient(config.httpUrl(), config.apiKey().orElseThrow(),
                config.apiSecret().orElseThrow(), () -> http);
    }

    /**
     * Deletes a room so every participant is disconnected; retried in the background for a while,
     * since ending a session must not wait for, or fail with, LiveKit.
     */
    public void deleteRoomEventually(String room) {
        Uni.createFrom().item(() -> call(client.deleteRoom(room), "delete room " + room))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(8)
                .subscribe().with(
                        ok -> Log.infof("LiveKit room %s removed", room),
                        e -> Log.errorf("LiveKit room %s could not be removed: %s", room, e.getMessage()));
    }

    /**
     * The room's participants as LiveKit sees them now (null when LiveKit says there is no such room);
     * fails when LiveKit cannot be reached or answers anything else.
     */
    public Uni<List<LivekitModels.ParticipantInfo>> listParticipants(String room) {
        return Uni.createFrom().deferred(() -> {
            // The SDK blocks: call it on a worker, then continue on the caller's Vert.x context,
            // where Hibernate Reactive requires the rest of the chain to run.
            Context caller = Vertx.currentContext();
            Uni<List<LivekitModels.ParticipantInfo>> listed = Uni.createFrom()
                    .item(() -> call(client.listParticipants(room), "list participants of " + room))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            return caller == null ? listed : listed.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }

    private static <T> T call(Call<T> call, String what) {
        Response<T> response;
        try {
            response = call.execute();
        } catch (IOException e) {
            throw new LiveKitException("LiveKit could not be reached to " + what + ": " + e.getMessage());
        }
        if (response.isSuccessful()) {
            return response.body();
        }
        // A deleted or never-created room is LiveKit's own Twirp "not_found": for us simply empty. Any
        // other 404 (a proxy that does not route LiveKit's API path) says nothing about the room.
        if (response.code() == 404 && isTwirpNotFound(response)) {
            return null;
        }
        throw new LiveKitException("LiveKit refused to " + what + ": HTTP " + response.code());
    }

    private static boolean isTwirpNotFound(Response<?> response) {
        try (ResponseBody error = response.errorBody()) {
            if (error == null) {
                return false;
            }
            JsonNode body = JSON.readTree(error.string());
            return body != null && "not_found".equals(body.path("code").asText());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** LiveKit answered with an error or could not be reached. */
    public static class LiveKitException extends RuntimeException {
        public LiveKitException(String message) {
            super(message);
        }
    }
}
