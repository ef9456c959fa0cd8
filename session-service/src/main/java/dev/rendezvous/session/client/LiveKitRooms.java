package dev.rendezvous.session.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.session.config.LiveKitConfig;
import io.livekit.server.RoomServiceClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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

/**
 * LiveKit's RoomService through the official SDK; its blocking calls run off the event loop. Every
 * call is counted ({@code rendezvous.livekit.calls}, by call), so what reconciliation costs LiveKit shows.
 */
@ApplicationScoped
public class LiveKitRooms {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RoomServiceClient client;
    private final Counter listRooms;
    private final Counter listParticipants;
    private final Counter deleteRoom;
    /** Rooms of ended sessions removed in the last seconds: bounded, and short-lived so a later return is removed too. */
    private final Cache<String, Boolean> reappeared = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(5)).build();

    public LiveKitRooms(LiveKitConfig config, MeterRegistry registry) {
        this.listRooms = registry.counter("rendezvous.livekit.calls", "call", "list_rooms");
        this.listParticipants = registry.counter("rendezvous.livekit.calls", "call", "list_participants");
        this.deleteRoom = registry.counter("rendezvous.livekit.calls", "call", "delete_room");
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
        Uni.createFrom().item(() -> call(client.deleteRoom(room), "delete room " + room, deleteRoom))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(8)
                .subscribe().with(
                        ok -> Log.infof("LiveKit room %s removed", room),
                        e -> Log.errorf("LiveKit room %s could not be removed: %s", room, e.getMessage()));
    }

    /**
     * Removes the room of a session that has ended but whose room LiveKit reports again (a token minted
     * before the end, a LiveKit that auto-creates rooms): once per room per few seconds, however many
     * events report it, so a burst costs LiveKit one call.
     */
    public void removeReappeared(String room) {
        if (reappeared.asMap().putIfAbsent(room, Boolean.TRUE) == null) {
            Log.warnf("LiveKit room %s is back although its session has ended: removing it", room);
            deleteRoomEventually(room);
        }
    }

    /**
     * The room's participants as LiveKit sees them now (null when LiveKit says there is no such room);
     * fails when LiveKit cannot be reached or answers anything else.
     */
    public Uni<List<LivekitModels.ParticipantInfo>> listParticipants(String room) {
        return Uni.createFrom().deferred(() -> {
            Uni<List<LivekitModels.ParticipantInfo>> listed = Uni.createFrom()
                    .item(() -> call(client.listParticipants(room), "list participants of " + room, listParticipants))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            return onCallersContext(listed);
        });
    }

    /** Every room LiveKit has now, with its participant count (a hint: a multi-node LiveKit may report it late). */
    public Uni<List<LivekitModels.Room>> listRooms() {
        return Uni.createFrom().deferred(() -> onCallersContext(Uni.createFrom()
                .item(() -> {
                    List<LivekitModels.Room> rooms = call(client.listRooms(null), "list rooms", listRooms);
                    return rooms == null ? List.<LivekitModels.Room>of() : rooms;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())));
    }

    /**
     * The SDK blocks, so it is called on a worker; the rest continues on the caller's Vert.x context,
     * where Hibernate Reactive requires the rest of the chain to run.
     */
    private static <T> Uni<T> onCallersContext(Uni<T> call) {
        Context caller = Vertx.currentContext();
        return caller == null ? call : call.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private static <T> T call(Call<T> call, String what, Counter calls) {
        calls.increment();
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
