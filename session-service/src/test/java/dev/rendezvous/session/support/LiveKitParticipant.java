package dev.rendezvous.session.support;

import io.livekit.server.AccessToken;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A participant in a room of the real LiveKit server, joined over LiveKit's signalling WebSocket with a
 * token of the test's making: LiveKit lists it in the room (it never gets media going, so it sends no
 * join webhook), as it lists a person whose join webhook was lost.
 */
public final class LiveKitParticipant implements AutoCloseable {

    private final WebSocket socket;

    private LiveKitParticipant(WebSocket socket) {
        this.socket = socket;
    }

    public static LiveKitParticipant join(String room, String identity, String metadata) throws Exception {
        var config = ConfigProvider.getConfig();
        AccessToken token = new AccessToken(config.getValue("livekit.api-key", String.class),
                config.getValue("livekit.api-secret", String.class));
        token.setIdentity(identity);
        token.setMetadata(metadata);
        token.setTtl(TimeUnit.MINUTES.toMillis(10));
        token.addGrants(new RoomJoin(true), new RoomName(room));
        String url = config.getValue("livekit.url", String.class).replaceFirst("^http", "ws");
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url + "/rtc?protocol=15&sdk=js&auto_subscribe=1&access_token=" + token.toJwt()),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                                webSocket.request(1);
                                return null;
                            }
                        })
                .get(10, TimeUnit.SECONDS);
        return new LiveKitParticipant(socket);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
