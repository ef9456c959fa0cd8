package dev.rendezvous.token.roster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Sessions' rosters as session-signals last told them, answered only while fresh: while every signal
 * published up to {@code maxStaleness} ago has been read. A stale or unknown session is for
 * session-service to answer. Ended sessions stay as ended (a page reload after the end is answered
 * here too) until room is needed; a full directory takes no new sessions rather than lose an end.
 */
@ApplicationScoped
public class RosterDirectory {

    private final Map<String, RosterView> sessions = new ConcurrentHashMap<>();
    private final long maxStalenessNanos;
    private final int capacity;
    private final LongSupplier nanoTime;
    /** Applied by one thread (the feed): false once a sweep found no ended session and none came since. */
    private boolean mayHoldEnded;
    private volatile boolean everFresh;
    private volatile long freshAsOf;

    @Inject
    public RosterDirectory(RosterConfig config) {
        this(config.maxStaleness(), config.capacity(), System::nanoTime);
    }

    public RosterDirectory(Duration maxStaleness, int capacity, LongSupplier nanoTime) {
        this.maxStalenessNanos = maxStaleness.toNanos();
        this.capacity = capacity;
        this.nanoTime = nanoTime;
    }

    /** The session's roster, if it is known here and the directory is fresh. */
    public Optional<RosterView> known(String sessionId) {
        return isFresh() ? Optional.ofNullable(sessions.get(sessionId)) : Optional.empty();
    }

    public boolean isFresh() {
        return everFresh && nanoTime.getAsLong() - freshAsOf <= maxStalenessNanos;
    }

    /** Seconds since the directory last caught up with the topic; infinite before it first did. */
    public double staleSeconds() {
        return everFresh ? (nanoTime.getAsLong() - freshAsOf) / 1e9 : Double.POSITIVE_INFINITY;
    }

    /** Whether the session is held at all, fresh or not. */
    public boolean holds(String sessionId) {
        return sessionId != null && sessions.containsKey(sessionId);
    }

    public int size() {
        return sessions.size();
    }

    /** A snapshot read from session-signals: it replaces an older version of the same session, never a newer one. */
    public void apply(RosterView snapshot) {
        if (!sessions.containsKey(snapshot.sessionId()) && sessions.size() >= capacity) {
            // Ended sessions make room first; open ones are never dropped (their end would be lost). A full
            // directory of open sessions is not scanned again for every new one, only after an end came.
            if (mayHoldEnded) {
                sessions.values().removeIf(RosterView::isEnded);
                mayHoldEnded = false;
            }
            if (sessions.size() >= capacity) {
                return;
            }
        }
        sessions.merge(snapshot.sessionId(), snapshot, (held, next) -> next.version() > held.version() ? next : held);
        mayHoldEnded |= snapshot.isEnded();
    }

    /** Every signal published before {@code nanos} (a {@link System#nanoTime()}) has been applied. */
    public void caughtUpAsOf(long nanos) {
        if (!everFresh || nanos > freshAsOf) {
            freshAsOf = nanos;
            everFresh = true;
        }
    }
}
