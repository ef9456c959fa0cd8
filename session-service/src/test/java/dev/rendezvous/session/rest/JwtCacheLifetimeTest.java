package dev.rendezvous.session.rest;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A kept verification never outlives its token, nor the lifetime that bounds how long a withdrawn key still vouches. */
class JwtCacheLifetimeTest {

    private static final long NOW = 1_790_000_000_000L;

    @Test
    void shouldKeepADayLongTokenOnlyForTheLifetime() {
        assertThat(VerifiedTokens.keptFor(NOW / 1000 + 86_400, NOW, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldKeepAShortTokenOnlyUntilItExpires() {
        assertThat(VerifiedTokens.keptFor(NOW / 1000 + 60, NOW, Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(60));
        assertThat(VerifiedTokens.keptFor(NOW / 1000 - 1, NOW, Duration.ofMinutes(5))).isEqualTo(Duration.ZERO);
    }
}
