package dev.rendezvous.token.client;

import dev.rendezvous.token.config.LiveKitConfig;
import io.livekit.server.RoomServiceClient;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import okhttp3.OkHttpClient;

/** LiveKit's RoomService client, one per replica: every call, connecting included, is bounded by LIVEKIT_TIMEOUT. */
public class LiveKitRoomService {

    @Produces
    @Singleton
    RoomServiceClient client(LiveKitConfig config) {
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(config.timeout()).connectTimeout(config.timeout())
                .readTimeout(config.timeout()).build();
        return RoomServiceClient.createClient(config.httpUrl(), config.apiKey().orElseThrow(), config.apiSecret().orElseThrow(),
                () -> http);
    }
}
