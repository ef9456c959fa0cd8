package dev.rendezvous.kernel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;

/**
 * A token bucket per key: a burst, then a steady rate. What a user may do to one session (mint a
 * token, report what their page plays) is bounded by one of these, so a loop in a page or a hostile
 * client is refused instead of growing state. The keys remembered are bounded too: one forgotten had
 * refilled its bucket anyway. In memory, per replica: N replicas allow N times the rate.
 */
public final class RateLimit {

    private final int burst;
    private final long nanosPerTake;
    private final Ticker ticker;
    private final Cache<String, Bucket> buckets;

    /**
     * @param burst takes allowed at once
     * @param perMinute takes regained per minute once the burst is spent
     * @param tracked keys remembered at once; the least recently used make room
     * @param ticker nanoseconds, {@code Ticker.systemTicker()} outside tests
     */
    public RateLimit(int burst, int perMinute, int tracked, Ticker ticker) {
        if (burst < 1 || perMinute < 1 || tracked < 1) {
            throw new IllegalArgumentException("a rate limit needs a burst, a rate per minute and keys tracked of at least 1");
        }
        this.burst = burst;
        this.nanosPerTake = Duration.ofMinutes(1).toNanos() / perMinute;
        this.ticker = ticker;
        // A key idle long enough to have refilled its whole burst needs no memory.
        this.buckets = Caffeine.newBuilder().maximumSize(tracked).ticker(ticker)
                .expireAfterAccess(Duration.ofNanos(nanosPerTake * burst)).build();
    }

    /** Takes one from the key's allowance: {@link Duration#ZERO} when allowed, otherwise how long until one is back. */
    public Duration take(String key) {
        Bucket bucket = buckets.get(key, k -> new Bucket(burst, ticker.read()));
        return Duration.ofNanos(bucket.take(ticker.read(), burst, nanosPerTake));
    }

    /** What is left, as of the time it was last counted. */
    private static final class Bucket {
        private double tokens;
        private long countedAt;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.countedAt = now;
        }

        /** Takes one; returns 0, or how long until one is back. */
        synchronized long take(long now, int burst, long nanosPerTake) {
            tokens = Math.min(burst, tokens + (double) (now - countedAt) / nanosPerTake);
            countedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * nanosPerTake);
        }
    }
}
