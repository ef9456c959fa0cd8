package dev.rendezvous.token.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.kernel.WarmUpCalls;
import dev.rendezvous.kernel.WarmUpToken;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.token.TokenResponse;
import dev.rendezvous.token.client.LiveKitRoomOpener;
import dev.rendezvous.token.client.RosterLookup;
import dev.rendezvous.token.config.LiveKitConfig;
import dev.rendezvous.token.rooms.OpenRooms;
import dev.rendezvous.token.roster.RosterDirectory;
import dev.rendezvous.token.roster.RosterView;
import dev.rendezvous.token.roster.Rosters;
import dev.rendezvous.token.service.LiveKitTokenMinter;
import dev.rendezvous.token.service.MintLimits;
import dev.rendezvous.token.service.TokenService;
import io.livekit.server.RoomServiceClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * A replica that has just started compiles its hot paths while it serves: on two cores a restarted
 * token-service minted 200-300 tokens/s in its first 10 s, against 3,500/s once warm. So before readiness
 * turns UP it mints for WARMUP_TIME itself: a JWT's RS256 verification through SmallRye's parser (with a
 * key of its own: the issuer's tokens are not at hand), the whole of {@link TokenService#issue} for
 * sessions that exist nowhere — on a roster directory, known rooms, limits and meters of its own, with
 * its token-events discarded after their JSON is written, so nothing leaves the process — and the
 * answer's JSON. Every fourth round it also calls both mint endpoints on the loopback, which answer 401
 * (its key is not the issuer's): the HTTP layer's classes, loaded and linked before the first user. Readiness is DOWN
 * until then, so no user is sent to a cold replica. WARMUP_TIME=PT0S turns it off.
 */
@Readiness
@ApplicationScoped
public class WarmUp implements HealthCheck {

    private static final int SESSIONS = 64;

    private final JWTParser jwt;
    private final ObjectMapper json;
    private final LiveKitTokenMinter minter;
    private final LiveKitConfig livekit;
    private final RoomServiceClient client;
    private final RosterLookup lookup;
    private final Duration time;
    private final Optional<String> issuer;
    private final Optional<List<String>> audiences;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private volatile boolean done;
    private volatile int mintsRehearsed;
    private volatile int callsAnswered;

    public WarmUp(JWTParser jwt, ObjectMapper json, LiveKitTokenMinter minter, LiveKitConfig livekit, RoomServiceClient client,
                  RosterLookup lookup, @ConfigProperty(name = "rendezvous.warmup.time") Duration time,
                  @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer,
                  @ConfigProperty(name = "mp.jwt.verify.audiences") Optional<List<String>> audiences) {
        this.jwt = jwt;
        this.json = json;
        this.minter = minter;
        this.livekit = livekit;
        this.client = client;
        this.lookup = lookup;
        this.time = time;
        this.issuer = issuer;
        this.audiences = audiences;
    }

    void start(@Observes StartupEvent started) {
        if (time.isZero() || time.isNegative()) {
            done = true;
            return;
        }
        Thread thread = new Thread(this::run, "warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long began = System.nanoTime();
        long deadline = began + time.toNanos();
        int rounds = 0;
        int mints = 0;
        try {
            KeyPair key = KeyPairGenerator.getInstance("RSA").generateKeyPair();
            String token = WarmUpToken.sign(key, issuer, audiences);
            List<String> sessions = IntStream.range(0, SESSIONS).mapToObj(n -> UUID.randomUUID().toString()).toList();
            TokenService rehearsal = rehearsal(sessions);
            URI api = localApi();
            int requests = 0;
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 50; i++) {
                    JsonWebToken caller = jwt.verify(token, key.getPublic());
                    TokenResponse answer = rehearsal.issue(sessions.get(mints % SESSIONS), caller, TokenService.Asked.NOTHING)
                            .await().atMost(Duration.ofSeconds(5));
                    json.writeValueAsString(answer);
                    mints++;
                }
                // Few: a refusal's path trained hard would have the compiler shape the HTTP layer for refusals
                // (a flood of them, 4 at a time, measured slower in the first 10 s after ready: 258 and 725 mints/s, not 659).
                if (api != null && rounds % 4 == 0) {
                    requests += callOnce(api, token);
                }
                rounds++;
            }
            callsAnswered = requests;
            mintsRehearsed = mints;
            Log.infof("Warmed up in %d ms (%d mints rehearsed, %d HTTP calls answered): readiness may turn UP",
                    (System.nanoTime() - began) / 1_000_000, mints, callsAnswered);
        } catch (Exception e) {
            // A warm-up is an optimisation: whatever failed, the replica serves (cold) rather than never.
            Log.warnf("Warm-up stopped after %d rounds: %s", rounds, e.getMessage());
        } finally {
            done = true;
        }
    }

    /**
     * The mint as users get it, on state of its own: these sessions are on its roster only, their rooms
     * known open to it only (LiveKit is never asked), its limits and meters are its own, and the
     * token-events it would announce are written as JSON and dropped.
     */
    private TokenService rehearsal(List<String> sessions) {
        MeterRegistry meters = new SimpleMeterRegistry();
        RosterDirectory directory = new RosterDirectory(Duration.ofDays(1), SESSIONS, System::nanoTime);
        OpenRooms rooms = new OpenRooms(SESSIONS, Duration.ofDays(1).toNanos(), System::nanoTime);
        for (String session : sessions) {
            directory.apply(new RosterView(session, SessionStatus.WAITING, 1, WarmUpToken.SUBJECT, "warm-up-mechanic"));
            rooms.opened(RoomName.of(UUID.fromString(session)).value());
        }
        directory.caughtUpAsOf(System.nanoTime());
        return new TokenService(new Rosters(directory, lookup, meters), minter, event -> {
            try {
                json.writeValueAsString(event);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, livekit, new MintLimits(1_000_000, 1_000_000, SESSIONS, Ticker.systemTicker()),
                new LiveKitRoomOpener(client, rooms, livekit, meters), meters);
    }

    /** This replica's API on the loopback, or null when its port is not known (nothing is called then). */
    private static URI localApi() {
        Config config = ConfigProvider.getConfig();
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        int port = Integer.getInteger(key, config.getOptionalValue(key, Integer.class).orElse(0));
        return port > 0 ? URI.create("http://127.0.0.1:" + port + "/") : null;
    }

    /** Both mint endpoints for a session that exists nowhere, refused at the JWT's key; how many were answered. */
    private int callOnce(URI api, String token) {
        String session = UUID.randomUUID().toString();
        List<HttpRequest> calls = List.of(
                HttpRequest.newBuilder(api.resolve("v1/sessions/" + session + "/token"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpRequest.newBuilder(api.resolve("v1/livekit/token")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"room_name\": \"session-" + session + "\"}")).build());
        return WarmUpCalls.send(http, calls, token);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warm-up").status(done).withData("mintsRehearsed", mintsRehearsed)
                .withData("callsAnswered", callsAnswered).build();
    }
}
