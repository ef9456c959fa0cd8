package dev.rendezvous.token.roster;

import dev.rendezvous.kernel.wire.SessionStatus;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RosterDirectoryTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RosterDirectory directory = new RosterDirectory(Duration.ofSeconds(2), 3, now::get);

    private static RosterView snapshot(String id, String status, long version) {
        return new RosterView(id, SessionStatus.valueOf(status), version, "c-" + id, "m-" + id);
    }

    private void advance(Duration time) {
        now.addAndGet(time.toNanos());
    }

    @Test
    void shouldAnswerNothingBeforeItFirstCaughtUpWithTheTopic() {
        directory.apply(snapshot("a", "WAITING", 1));
        assertThat(directory.known("a")).isEmpty();
        directory.caughtUpAsOf(now.get());
        assertThat(directory.known("a")).contains(snapshot("a", "WAITING", 1));
    }

    @Test
    void shouldAnswerNothingOnceItHasNotCaughtUpForLongerThanTheStalenessAllowed() {
        directory.apply(snapshot("a", "WAITING", 1));
        directory.caughtUpAsOf(now.get());
        advance(Duration.ofMillis(1999));
        assertThat(directory.known("a")).isPresent();
        advance(Duration.ofMillis(2));
        assertThat(directory.known("a")).isEmpty();
        assertThat(directory.staleSeconds()).isGreaterThan(2);
        directory.caughtUpAsOf(now.get());
        assertThat(directory.known("a")).isPresent();
    }

    @Test
    void shouldNeverMoveFreshnessBackwards() {
        directory.caughtUpAsOf(now.get());
        directory.caughtUpAsOf(now.get() - Duration.ofSeconds(5).toNanos());
        assertThat(directory.isFresh()).isTrue();
    }

    @Test
    void shouldKeepTheNewestVersionWhateverOrderSignalsArriveIn() {
        directory.caughtUpAsOf(now.get());
        directory.apply(snapshot("a", "READY", 3));
        directory.apply(snapshot("a", "WAITING", 2));
        directory.apply(snapshot("a", "READY", 3));
        assertThat(directory.known("a")).contains(snapshot("a", "READY", 3));
        directory.apply(snapshot("a", "ENDED", 4));
        directory.apply(snapshot("a", "WAITING", 2));
        assertThat(directory.known("a").orElseThrow().isEnded()).isTrue();
    }

    @Test
    void shouldMakeRoomByForgettingEndedSessionsButNeverAnOpenOne() {
        directory.caughtUpAsOf(now.get());
        directory.apply(snapshot("a", "ENDED", 5));
        directory.apply(snapshot("b", "WAITING", 1));
        directory.apply(snapshot("c", "READY", 3));
        directory.apply(snapshot("d", "WAITING", 1));
        assertThat(directory.known("a")).isEmpty();
        assertThat(directory.known("d")).isPresent();
        directory.apply(snapshot("e", "WAITING", 1));
        assertThat(directory.known("e")).isEmpty();
        assertThat(directory.size()).isEqualTo(3);
        // A session already held still takes its newer versions when the directory is full.
        directory.apply(snapshot("b", "ENDED", 2));
        assertThat(directory.known("b").orElseThrow().isEnded()).isTrue();
    }
}
