package dev.rendezvous.session.fold;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a session ended: people or time end it (docs/architecture.md, "Session state"), never a LiveKit room.
 * The last two are kept only to read sessions that ended under the earlier rule.
 */
public enum EndReason {
    ENDED_BY_CUSTOMER("ended-by-customer"),
    ENDED_BY_MECHANIC("ended-by-mechanic"),
    ENDED_BY_BACKEND("ended-by-backend"),
    /** Nobody joined before the no-show deadline. */
    EXPIRED("expired"),
    /** Joined, then nobody was present for the idle timeout. */
    ABANDONED("abandoned"),
    ROOM_FINISHED("room-finished"),
    ROOM_GONE("room-gone");

    private final String wire;

    EndReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Whether time ended it, rather than someone. */
    public boolean onTime() {
        return this == EXPIRED || this == ABANDONED;
    }

    public static Optional<EndReason> ofWire(String wire) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(wire)).findFirst();
    }
}
