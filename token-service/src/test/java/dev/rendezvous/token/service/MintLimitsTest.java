package dev.rendezvous.token.service;

import dev.rendezvous.kernel.Refusal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The token bucket per user and session, on a clock the test moves. */
class MintLimitsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final MintLimits limits = new MintLimits(3, 6, 1000, now::get);

    @Test
    void shouldAllowABurstThenOneMintPerPeriodAndSayWhenToRetry() {
        for (int i = 0; i < 3; i++) {
            limits.take("u", "s");
        }
        Refusal refused = catchThrowableOfType(Refusal.class, () -> limits.take("u", "s"));
        assertThat(refused.kind()).isEqualTo(Refusal.Kind.TOO_MANY);
        assertThat(refused.code()).isEqualTo("too-many-tokens");
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(10));

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        limits.take("u", "s");
        assertThatThrownBy(() -> limits.take("u", "s")).isInstanceOf(Refusal.class);
    }

    @Test
    void shouldCountEachUserAndSessionApart() {
        for (int i = 0; i < 3; i++) {
            limits.take("u", "s");
        }
        limits.take("u", "other-session");
        limits.take("other-user", "s");
    }

    @Test
    void shouldNeverSaveUpMoreThanTheBurst() {
        limits.take("u", "s");
        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            limits.take("u", "s");
        }
        assertThatThrownBy(() -> limits.take("u", "s")).isInstanceOf(Refusal.class);
    }
}
