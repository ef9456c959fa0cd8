package dev.rendezvous.token.service;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.rendezvous.kernel.RateLimit;
import dev.rendezvous.kernel.Refusal;
import dev.rendezvous.token.config.MintConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * Bounds how often one user mints tokens for one session, whatever path asks: a loop in a page or a
 * hostile client gets 429 instead of piling up token-events, while reloads and reconnects stay well
 * inside the burst.
 */
@ApplicationScoped
public class MintLimits {

    private final RateLimit limit;

    @Inject
    public MintLimits(MintConfig config) {
        this(config.burst(), config.perMinute(), config.tracked(), Ticker.systemTicker());
    }

    public MintLimits(int burst, int perMinute, int tracked, Ticker ticker) {
        this.limit = new RateLimit(burst, perMinute, tracked, ticker);
    }

    /** Takes one mint from the user's allowance for the session, or refuses with 429 and when to retry. */
    public void take(String userId, String sessionId) {
        Duration wait = limit.take(userId + "\n" + sessionId);
        if (!wait.isZero()) {
            throw Refusal.tooMany("too-many-tokens", "too many tokens asked for session " + sessionId + " by " + userId
                    + "; a page needs one per join", wait);
        }
    }
}
