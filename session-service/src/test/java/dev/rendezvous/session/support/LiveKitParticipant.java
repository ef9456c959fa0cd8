package dev.rendezvous.session.support;

import io.livekit.server.AccessToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import io.livekit.server.RoomServiceClient;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
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

    /**
     * Opens the room, as token-service does when it mints, then joins it: LiveKit here creates no room on
     * a join (ended means closed).
     */
    public static LiveKitParticipant join(String room, String identity, String metadata) throws Exception {
        openRoom(room);
        return connect(token(room, identity, metadata));
    }

    /** A LiveKit token for the room, as token-service mints one. */
    public static String token(String room, String identity, String metadata) {
        var config = ConfigProvider.getConfig();
        AccessToken token = new AccessToken(config.getValue("livekit.api-key", String.class),
                config.getValue("livekit.api-secret", String.class));
        token.setIdentity(identity);
        token.setMetadata(metadata);
        token.setTtl(TimeUnit.MINUTES.toMillis(10));
        token.addGrants(new RoomJoin(true), new RoomName(room));
        return token.toJwt();
    }

    /**
     * A LiveKit token for a participant of another kind ({@code agent}, {@code egress}, …): what LiveKit's
     * Agents or Egress mint for themselves. LiveKit reads the kind from the token's {@code kind} claim; the
     * Java SDK has no setter for it, so the claims are signed here as LiveKit's own SDKs sign them.
     */
    public static String token(String room, String identity, String metadata, String kind) throws Exception {
        var config = ConfigProvider.getConfig();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.getValue("livekit.api-key", String.class));
        claims.setSubject(identity);
        claims.setJwtId(identity);
        claims.setNotBeforeMinutesInThePast(1);
        claims.setExpirationTimeMinutesInTheFuture(10);
        claims.setClaim("metadata", metadata);
        claims.setClaim("kind", kind);
        claims.setClaim("video", Map.of("roomJoin", true, "room", room));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(config.getValue("livekit.api-secret", String.class).getBytes(StandardCharsets.UTF_8)));
        return jws.getCompactSerialization();
    }

    /** Opens the room through LiveKit's RoomService, as token-service does before handing out a token. */
    public static void openRoom(String room) throws Exception {
        var response = roomService().createRoom(room, 600).execute();
        if (!response.isSuccessful()) {
            throw new IllegalStateException("LiveKit did not open " + room + ": HTTP " + response.code());
        }
    }

    /** LiveKit's RoomService, as the services reach it. */
    public static RoomServiceClient roomService() {
        var config = ConfigProvider.getConfig();
        return RoomServiceClient.createClient(config.getValue("livekit.url", String.class).replaceFirst("^ws", "http"),
                config.getValue("livekit.api-key", String.class), config.getValue("livekit.api-secret", String.class));
    }

    /** Joins with a token; fails when LiveKit refuses the connection (no such room, say). */
    public static LiveKitParticipant connect(String token) throws Exception {
        String url = ConfigProvider.getConfig().getValue("livekit.url", String.class).replaceFirst("^http", "ws");
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url + "/rtc?protocol=15&sdk=js&auto_subscribe=1&access_token=" + token),
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
