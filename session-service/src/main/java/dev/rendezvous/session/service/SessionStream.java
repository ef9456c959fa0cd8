package dev.rendezvous.session.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.kernel.Refusal;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.config.SessionConfig;
import dev.rendezvous.session.mapping.SessionMapper;
import dev.rendezvous.session.repository.OutboxRepository;
import dev.rendezvous.session.repository.OutboxSignal;
import dev.rendezvous.session.repository.SessionReads;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One session's changes as a stream: the current snapshot (or, when resuming after a version, the
 * signals since then from the outbox, then the current snapshot), then every live change, each once
 * and in version order; ends after ENDED, and when the caller's JWT stops being accepted (the client
 * resumes with a fresh one). Live signals are registered before history is read, so nothing falls
 * between the two.
 */
@ApplicationScoped
public class SessionStream {

    /** An item of the stream: a snapshot, or a heartbeat (view == null). */
    public record Item(SessionSnapshot view) {
        public boolean isHeartbeat() {
            return view == null;
        }
    }

    private final SignalHub hub;
    private final SessionReads sessions;
    private final OutboxRepository outbox;
    private final ObjectMapper json;
    private final SessionConfig config;
    private final Vertx vertx;
    private final Duration clockSkew;
    /** Streams open on this replica per user: an entry only while that user holds one. */
    private final Map<String, Integer> openByUser = new ConcurrentHashMap<>();

    public SessionStream(SignalHub hub, SessionReads sessions, OutboxRepository outbox, ObjectMapper json,
                         SessionConfig config, Vertx vertx,
                         @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") int clockSkewSeconds) {
        this.hub = hub;
        this.sessions = sessions;
        this.outbox = outbox;
        this.json = json;
        this.config = config;
        this.vertx = vertx;
        this.clockSkew = Duration.ofSeconds(clockSkewSeconds);
    }

    /**
     * When a stream opened with this JWT must end: when the JWT would no longer be accepted (its expiry
     * plus the clock skew allowed), so a revoked or expired login does not keep watching.
     */
    public Instant closeAt(JsonWebToken caller) {
        long exp = caller.getExpirationTime();
        return exp > 0 ? Instant.ofEpochSecond(exp).plus(clockSkew) : null;
    }

    /**
     * A stream for this user, who may hold {@code STREAMS_PER_USER} open on this replica at once (each
     * holds a connection, timers and a buffer); one more is a 429 until one closes.
     */
    public Multi<Item> open(UUID sessionId, Long lastEventId, Instant closeAt, String userId) {
        String user = String.valueOf(userId);
        int holding = openByUser.merge(user, 1, Integer::sum);
        if (holding > config.streamsPerUser()) {
            release(user);
            throw Refusal.tooMany("too-many-streams", "you hold " + config.streamsPerUser() + " open streams already; "
                    + "close one (a tab, say) first", Duration.ofSeconds(5));
        }
        return open(sessionId, lastEventId, closeAt).onTermination().invoke(() -> release(user));
    }

    private void release(String user) {
        openByUser.computeIfPresent(user, (k, n) -> n <= 1 ? null : n - 1);
    }

    /**
     * @param lastEventId the last version the client has, or null for a fresh stream
     * @param closeAt when the stream ends even if the session has not (null: never)
     */
    Multi<Item> open(UUID sessionId, Long lastEventId, Instant closeAt) {
        Multi<Item> items = Multi.createFrom().emitter(emitter -> {
            Subscriber subscriber = new Subscriber(emitter, lastEventId == null ? 0 : lastEventId);
            AutoCloseable registration = hub.subscribe(sessionId, subscriber::onLive);
            long heartbeats = vertx.setPeriodic(config.heartbeatInterval().toMillis(), id -> subscriber.heartbeat());
            long expiry = closeAt == null ? -1
                    : vertx.setTimer(Math.max(1, Duration.between(Instant.now(), closeAt).toMillis()), id -> subscriber.expire());
            emitter.onTermination(() -> {
                vertx.cancelTimer(heartbeats);
                if (expiry >= 0) {
                    vertx.cancelTimer(expiry);
                }
                close(registration);
            });
            history(sessionId, lastEventId).subscribe().with(subscriber::onHistory, emitter::fail);
        });
        return items.onOverflow().buffer(config.streamBufferSize());
    }

    private Uni<List<SessionSnapshot>> history(UUID sessionId, Long lastEventId) {
        Uni<List<SessionSnapshot>> current = sessions.byId(sessionId)
                .map(s -> s == null ? List.<SessionSnapshot>of() : List.of(SessionMapper.toSnapshot(s)));
        if (lastEventId == null) {
            return current;
        }
        int replayed = config.streamBufferSize() / 2;
        // One row more than is ever replayed: enough to tell "a few missed" from "far behind", whatever the history.
        return outbox.listAfter(sessionId, lastEventId, replayed + 1).chain(rows -> current.map(now -> {
            // Every signal is a whole snapshot: a client far behind needs the latest, not every step
            // (more than the stream's buffer at once would overflow it, and the client would resume
            // into the same overflow). The current snapshot closes any gap retention left.
            List<SessionSnapshot> missed = new ArrayList<>();
            if (rows.size() <= replayed) {
                rows.stream().map(this::read).forEach(missed::add);
            }
            missed.addAll(now);
            return missed;
        }));
    }

    private SessionSnapshot read(OutboxSignal row) {
        try {
            return json.readValue(row.payload, SessionSnapshot.class);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable outbox row " + row.id, e);
        }
    }

    private static void close(AutoCloseable registration) {
        try {
            registration.close();
        } catch (Exception e) {
            Log.debug("closing a stream registration failed", e);
        }
    }

    /** Per-client state: live signals wait in {@code pending} until history has been sent. */
    private static final class Subscriber {
        private final MultiEmitter<? super Item> emitter;
        private final List<SessionSnapshot> pending = new ArrayList<>();
        private long lastSent;
        private boolean live;

        Subscriber(MultiEmitter<? super Item> emitter, long lastSent) {
            this.emitter = emitter;
            this.lastSent = lastSent;
        }

        synchronized void onLive(SessionSnapshot view) {
            if (live) {
                send(view);
            } else {
                pending.add(view);
            }
        }

        synchronized void onHistory(List<SessionSnapshot> history) {
            long current = history.isEmpty() ? 0 : history.get(history.size() - 1).version();
            if (lastSent > current) {
                // The client claims a version this session never reached (another session's id, a restored
                // database): it gets the current snapshot rather than heartbeats until the session catches up.
                lastSent = 0;
            }
            history.forEach(this::send);
            pending.stream().sorted((a, b) -> Long.compare(a.version(), b.version())).forEach(this::send);
            pending.clear();
            live = true;
        }

        synchronized void heartbeat() {
            if (live && !emitter.isCancelled()) {
                emitter.emit(new Item(null));
            }
        }

        /** The caller's JWT is no longer accepted: the client resumes with a fresh one and Last-Event-ID. */
        synchronized void expire() {
            if (!emitter.isCancelled()) {
                emitter.complete();
            }
        }

        private void send(SessionSnapshot view) {
            if (view.version() <= lastSent || emitter.isCancelled()) {
                return;
            }
            lastSent = view.version();
            emitter.emit(new Item(view));
            if (view.status() == SessionStatus.ENDED) {
                emitter.complete();
            }
        }
    }
}
