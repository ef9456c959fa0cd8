package dev.rendezvous.session.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.kernel.Identity;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.kernel.Sid;
import dev.rendezvous.kernel.WarmUpCalls;
import dev.rendezvous.kernel.WarmUpToken;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.fold.SessionEvent;
import dev.rendezvous.session.fold.SessionFold;
import dev.rendezvous.session.fold.SessionState;
import dev.rendezvous.session.mapping.SessionMapper;
import dev.rendezvous.session.repository.Session;
import dev.rendezvous.session.repository.SessionMember;
import dev.rendezvous.session.repository.SessionReads;
import dev.rendezvous.session.rest.VerifiedTokens;
import dev.rendezvous.session.service.Envelope;
import dev.rendezvous.session.service.SessionWriter;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A replica that has just started compiles its hot paths while it serves, and on two cores that made
 * readiness slow for minutes (p99 over 3 s). So before readiness turns UP it runs those paths itself for
 * WARMUP_TIME: a JWT's RS256 verification through SmallRye's parser (with a key of its own: the issuer's
 * tokens are not at hand), the snapshot's JSON both ways, the fold over a synthetic session, the
 * session read against the database (for ids that exist nowhere), and the whole write path — a
 * creation and two joins folded with their timeline, participants and signals — in a transaction that
 * is rolled back. Every fourth round it also calls its own HTTP API on the loopback (a session read, a
 * stream, a reception report, for ids that exist nowhere: 404s, nothing written), authenticated by a
 * token of its own key that only this process can sign, kept as verified for the warm-up only. Those
 * requests show in the access log as user {@code warm-up}. Readiness is DOWN until then, so no user is
 * sent to a cold replica. WARMUP_TIME=PT0S turns it off.
 */
@Readiness
@ApplicationScoped
public class WarmUp implements HealthCheck {

    private final JWTParser jwt;
    private final ObjectMapper json;
    private final SessionReads sessions;
    private final SessionWriter writer;
    private final VerifiedTokens verified;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Duration time;
    private final Optional<String> issuer;
    private final Optional<List<String>> audiences;
    private volatile boolean done;

    public WarmUp(JWTParser jwt, ObjectMapper json, SessionReads sessions, SessionWriter writer, VerifiedTokens verified,
                  @ConfigProperty(name = "rendezvous.warmup.time", defaultValue = "PT15S") Duration time,
                  @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer,
                  @ConfigProperty(name = "mp.jwt.verify.audiences") Optional<List<String>> audiences) {
        this.jwt = jwt;
        this.json = json;
        this.sessions = sessions;
        this.writer = writer;
        this.verified = verified;
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
        int rehearsed = 0;
        int requests = 0;
        String token = null;
        try {
            KeyPair key = KeyPairGenerator.getInstance("RSA").generateKeyPair();
            token = WarmUpToken.sign(key, issuer, audiences);
            // Verified with its own key, and kept as verified: the HTTP layer takes it like any user's, for the warm-up only.
            verified.keep(token, jwt.verify(token, key.getPublic()));
            URI api = localApi();
            SessionFold fold = new SessionFold();
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 50; i++) {
                    jwt.verify(token, key.getPublic());
                    SessionState state = foldASession(fold);
                    SessionSnapshot snapshot = SessionMapper.toSnapshot(state);
                    json.readValue(json.writeValueAsString(snapshot), SessionSnapshot.class);
                }
                readOnce();
                rehearsed += rehearseOnce() ? 1 : 0;
                if (api != null && rounds % 4 == 0) {
                    requests += callOnce(api, token);
                }
                rounds++;
            }
            Log.infof("Warmed up in %d ms (%d rounds, %d writes rehearsed, %d HTTP calls): readiness may turn UP",
                    (System.nanoTime() - began) / 1_000_000, rounds, rehearsed, requests);
        } catch (Exception e) {
            // A warm-up is an optimisation: whatever failed, the replica serves (cold) rather than never.
            Log.warnf("Warm-up stopped after %d rounds: %s%s", rounds, e.getMessage(),
                    e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")");
        } finally {
            if (token != null) {
                verified.forget(token);
            }
            done = true;
        }
    }

    /** This replica's API on the loopback, or null when its port is not known (nothing is called then). */
    private static URI localApi() {
        Config config = ConfigProvider.getConfig();
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        int port = Integer.getInteger(key, config.getOptionalValue(key, Integer.class).orElse(0));
        return port > 0 ? URI.create("http://127.0.0.1:" + port + "/v1/sessions/") : null;
    }

    /** A read, a stream and a reception report of a session that exists nowhere; how many were answered. */
    private int callOnce(URI api, String token) {
        URI session = api.resolve(UUID.randomUUID().toString());
        List<HttpRequest> calls = List.of(
                HttpRequest.newBuilder(session).GET().build(),
                HttpRequest.newBuilder(URI.create(session + "/stream")).header("Accept", "text/event-stream").GET().build(),
                HttpRequest.newBuilder(URI.create(session + "/reception")).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"video\": true, \"audio\": true}")).build());
        return WarmUpCalls.send(http, calls, token);
    }

    /** The session read, for an id that exists nowhere; a database slow to answer at start only skips it. */
    private void readOnce() {
        try {
            sessions.byId(UUID.randomUUID()).await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException slow) {
            Log.debugf("Warm-up read skipped: %s", slow.getMessage());
        }
    }

    /** The write path, rolled back; a database slow to answer at start only skips it. True when it ran. */
    private boolean rehearseOnce() {
        UUID id = UUID.randomUUID();
        Session session = new Session();
        session.id = id;
        Role.REQUIRED.forEach(role -> session.members.add(SessionMember.invited(userOf(role), role.wire())));
        session.status = SessionStatus.WAITING;
        session.version = 1;
        session.createdAt = Instant.now();
        session.emptySince = session.createdAt;
        List<Envelope> joins = Role.REQUIRED.stream().map(role -> new Envelope(id, joined(id, role, Instant.now()), "{}")).toList();
        try {
            writer.rehearse(session, joins).await().atMost(Duration.ofSeconds(5));
            return true;
        } catch (RuntimeException slow) {
            Log.debugf("Warm-up write skipped: %s", slow.getMessage());
            return false;
        }
    }

    /** Each required role joins: the fold's common path. */
    private static SessionState foldASession(SessionFold fold) {
        UUID id = UUID.randomUUID();
        Instant at = Instant.now();
        SessionState state = SessionState.created(id, userOf(Role.CUSTOMER), userOf(Role.MECHANIC), at);
        for (Role role : Role.REQUIRED) {
            state = fold.apply(state, joined(id, role, at)).state();
        }
        return state;
    }

    /** The warm-up's own user in a role. */
    private static String userOf(Role role) {
        return "warm-up-" + role.wire();
    }

    /** The join of the warm-up's user in a role, as a webhook would bring it. */
    private static SessionEvent.Joined joined(UUID session, Role role, Instant at) {
        SessionEvent.Participant who = new SessionEvent.Participant(RoomName.of(session), new Sid("PA_" + role.wire()),
                Identity.of(role, userOf(role)), role, "metadata", userOf(role), List.of());
        return new SessionEvent.Joined("warm-up:" + session + ":" + role.wire(), SessionEvent.Origin.WEBHOOK, at, who);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warm-up").status(done).build();
    }
}
