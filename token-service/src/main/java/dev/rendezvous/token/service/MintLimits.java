package dev.rendezvous.token.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.rendezvous.kernel.Refusal;
import dev.rendezvous.token.config.MintConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * Bounds how often one user mints tokens for one session, whatever path asks (a token bucket per user
 * and session): a loop in a page or a hostile client gets 429 instead of piling up token-events, while
 * reloads and reconnects stay well inside the burst. The pairs remembered are bounded too; one that
 * was forgotten had refilled its bucket anyway. Per replica: N replicas allow N times the rate.
 */
@ApplicationScoped
public class MintLimits {

    private final int burst;
    private final long nanosPerMint;
    private final Ticker ticker;
    private final Cache<String, Bucket> buckets;

    @Inject
    public MintLimits(MintConfig config) {
        this(config.burst(), config.perMinute(), config.tracked(), Ticker.systemTicker());
    }

    MintLimits(int burst, int perMinute, int tracked, Ticker ticker) {
        if (burst < 1 || perMinute < 1) {
            throw new IllegalArgumentException("TOKEN_MINT_BURST and TOKEN_MINT_PER_MINUTE must be at least 1");
        }
        this.burst = burst;
        this.nanosPerMint = Duration.ofMinutes(1).toNanos() / perMinute;
        this.ticker = ticker;
        // A pair idle long enough to have refilled its whole burst needs no memory.
        this.buckets = Caffeine.newBuilder().maximumSize(tracked).ticker(ticker)
                .expireAfterAccess(Duration.ofNanos(nanosPerMint * burst)).build();
    }

    /** Takes one mint from the user's allowance for the session, or refuses with 429 and when to retry. */
    public void take(String userId, String sessionId) {
        Bucket bucket = buckets.get(userId + "\n" + sessionId, key -> new Bucket(burst, ticker.read()));
        long waitNanos = bucket.take(ticker.read(), burst, nanosPerMint);
        if (waitNanos > 0) {
            throw Refusal.tooMany("too-many-tokens", "too many tokens asked for session " + sessionId + " by " + userId
                    + "; a page needs one per join", Duration.ofNanos(waitNanos));
        }
    }

    /** Mints left, as the time they were last counted and how many whole periods have refilled since. */
    private static final class Bucket {
        private double tokens;
        private long countedAt;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.countedAt = now;
        }

        /** Takes one; returns 0, or how long until one is back. */
        synchronized long take(long now, int burst, long nanosPerMint) {
            tokens = Math.min(burst, tokens + (double) (now - countedAt) / nanosPerMint);
            countedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * nanosPerMint);
        }
    }
}
