package dev.rendezvous.token.rooms;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class OpenRoomsTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final OpenRooms rooms = new OpenRooms(3, 15 * SECOND, clock::get);

    private void after(long seconds) {
        clock.addAndGet(seconds * SECOND);
    }

    @Test
    void shouldKnowARoomItOpenedOrThatWasListed() {
        rooms.opened("session-a");
        rooms.listed(List.of("session-b"), rooms.now());
        assertThat(rooms.isOpen("session-a")).isTrue();
        assertThat(rooms.isOpen("session-b")).isTrue();
        assertThat(rooms.isOpen("session-c")).isFalse();
    }

    @Test
    void shouldForgetARoomTheMomentItsCloseArrives() {
        rooms.opened("session-a");
        rooms.finished("session-a");
        assertThat(rooms.isOpen("session-a")).isFalse();
    }

    @Test
    void shouldNotBelieveAListingAskedBeforeTheClose() {
        long askedAt = rooms.now();
        after(1);
        rooms.finished("session-a"); // LiveKit closed it while the listing was on its way
        rooms.listed(List.of("session-a"), askedAt);
        assertThat(rooms.isOpen("session-a")).isFalse();
        // A room opened again after the close is open.
        after(1);
        rooms.opened("session-a");
        assertThat(rooms.isOpen("session-a")).isTrue();
    }

    @Test
    void shouldForgetWhatALaterListingNoLongerHasButKeepWhatWasOpenedSinceItWasAsked() {
        rooms.opened("session-lost"); // LiveKit restarts and loses it, with no event
        after(1);
        long askedAt = rooms.now();
        after(1);
        rooms.opened("session-new"); // opened while the listing was on its way: not in it
        rooms.listed(List.of("session-other"), askedAt);
        assertThat(rooms.isOpen("session-lost")).isFalse();
        assertThat(rooms.isOpen("session-new")).isTrue();
        assertThat(rooms.isOpen("session-other")).isTrue();
    }

    @Test
    void shouldNotTrustWhatNoListingHasConfirmedLately() {
        rooms.opened("session-a");
        after(15);
        assertThat(rooms.isOpen("session-a")).isTrue();
        after(1); // listings have failed for three intervals
        assertThat(rooms.isOpen("session-a")).isFalse();
    }

    @Test
    void shouldRememberNoMoreThanItsCapacity() {
        rooms.listed(List.of("session-a", "session-b", "session-c", "session-d"), rooms.now());
        rooms.opened("session-e");
        assertThat(rooms.size()).isEqualTo(3);
        assertThat(List.of("session-a", "session-b", "session-c", "session-d", "session-e").stream().filter(rooms::isOpen))
                .hasSize(3);
    }
}
