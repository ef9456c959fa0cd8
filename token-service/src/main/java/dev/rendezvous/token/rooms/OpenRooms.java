package dev.rendezvous.token.rooms;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The LiveKit rooms this replica knows to be open, so that a mint for one of them costs LiveKit nothing.
 * Known from three sources, each with the moment it was true: a room this replica opened; a listing of
 * LiveKit's rooms (one at start, then one every few seconds), which also forgets every room it no longer
 * has that was last seen before it was asked (LiveKit restarted and lost its rooms, a close whose event
 * went missing); and LiveKit's room_finished, which forgets a room the moment its event arrives (its
 * people left, or an end removed it). A close is remembered until the next listing, so a listing asked
 * before the close cannot bring the room back. Knowledge older than {@code maxAge} is not trusted: when
 * listings fail, mints ask LiveKit again.
 */
public final class OpenRooms {

    private record Seen(long at, boolean open) {
    }

    private final ConcurrentHashMap<String, Seen> rooms = new ConcurrentHashMap<>();
    private final int capacity;
    private final long maxAgeNanos;
    private final LongSupplier clock;

    /** @param clock nanoseconds, monotonic ({@code System::nanoTime}) */
    public OpenRooms(int capacity, long maxAgeNanos, LongSupplier clock) {
        this.capacity = capacity;
        this.maxAgeNanos = maxAgeNanos;
        this.clock = clock;
    }

    public long now() {
        return clock.getAsLong();
    }

    public boolean isOpen(String room) {
        Seen seen = rooms.get(room);
        return seen != null && seen.open() && now() - seen.at() <= maxAgeNanos;
    }

    /** LiveKit answered this replica's CreateRoom just now. */
    public void opened(String room) {
        see(room, new Seen(now(), true));
    }

    /** LiveKit closed the room (its room_finished event). */
    public void finished(String room) {
        see(room, new Seen(now(), false));
    }

    /** Every room LiveKit listed in answer to a listing asked at {@code askedAt}. */
    public void listed(Collection<String> listed, long askedAt) {
        Set<String> names = new HashSet<>(listed);
        for (String room : names) {
            see(room, new Seen(askedAt, true));
        }
        rooms.entrySet().removeIf(entry -> entry.getValue().at() < askedAt && !names.contains(entry.getKey()));
    }

    /** How many rooms are known open or lately closed; at most the capacity. */
    public int size() {
        return rooms.size();
    }

    /** Keeps the latest of two things known about a room; a room beyond the capacity is not remembered (mints ask LiveKit). */
    private void see(String room, Seen seen) {
        if (rooms.size() >= capacity && !rooms.containsKey(room)) {
            return;
        }
        rooms.merge(room, seen, (before, now) -> now.at() >= before.at() ? now : before);
    }
}
