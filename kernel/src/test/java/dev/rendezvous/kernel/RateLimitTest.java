package dev.rendezvous.kernel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token bucket per key, on a clock the test moves. */
class RateLimitTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimit limit = new RateLimit(3, 6, 1000, now::get);

    @Test
    void shouldAllowABurstThenOnePerPeriodAndSayWhenToRetry() {
        for (int i = 0; i < 3; i++) {
            assertThat(limit.take("k")).isZero();
        }
        assertThat(limit.take("k")).isEqualTo(Duration.ofSeconds(10));

        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(limit.take("k")).isEqualTo(Duration.ofSeconds(6));
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(limit.take("k")).isZero();
        assertThat(limit.take("k")).isPositive();
    }

    @Test
    void shouldCountEachKeyApart() {
        for (int i = 0; i < 3; i++) {
            limit.take("k");
        }
        assertThat(limit.take("other")).isZero();
        assertThat(limit.take("k")).isPositive();
    }

    @Test
    void shouldNeverSaveUpMoreThanTheBurst() {
        limit.take("k");
        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(limit.take("k")).isZero();
        }
        assertThat(limit.take("k")).isPositive();
    }

    @Test
    void shouldRefuseALimitThatAllowsNothing() {
        assertThatThrownBy(() -> new RateLimit(0, 6, 10, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(3, 0, 10, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
