package dev.rendezvous.token.service;

import dev.rendezvous.kernel.Refusal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Mints per user and session beyond the allowance are refused with 429 and when to retry (the bucket: RateLimitTest). */
class MintLimitsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final MintLimits limits = new MintLimits(3, 6, 1000, now::get);

    @Test
    void shouldRefuseBeyondTheBurstWithWhenToRetry() {
        for (int i = 0; i < 3; i++) {
            limits.take("u", "s");
        }
        Refusal refused = catchThrowableOfType(Refusal.class, () -> limits.take("u", "s"));
        assertThat(refused.kind()).isEqualTo(Refusal.Kind.TOO_MANY);
        assertThat(refused.code()).isEqualTo("too-many-tokens");
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldCountEachUserAndSessionApart() {
        for (int i = 0; i < 3; i++) {
            limits.take("u", "s");
        }
        limits.take("u", "other-session");
        limits.take("other-user", "s");
    }
}
