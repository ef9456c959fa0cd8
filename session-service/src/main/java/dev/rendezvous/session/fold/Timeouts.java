package dev.rendezvous.session.fold;

import java.time.Duration;

/**
 * The times after which time changes a session.
 *
 * @param noShow a session nobody joined within this after its creation ends as {@code expired}
 * @param idle a session joined, then with nobody present this long, ends as {@code abandoned}
 * @param overdueAfter a role waiting this long for the other is overdue
 */
public record Timeouts(Duration noShow, Duration idle, Duration overdueAfter) {

    public static final Timeouts DEFAULT = new Timeouts(Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofMinutes(2));
}
