package dev.rendezvous.session.reconcile;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * LiveKit saying "nobody" for a room the webhooks say has people in it: believed only once LiveKit has
 * kept saying it for a while. A LiveKit restarted, failing over or answering from an empty node lists
 * nothing for a moment, and taken at its word it would send everyone "Waiting for…" at once; people
 * really gone are still corrected, a little later.
 */
final class NobodyListed {

    private final Duration confirmAfter;
    /** When LiveKit first listed nobody, per session; bounded, and forgotten once it lists someone. */
    private final Cache<UUID, Instant> since;

    NobodyListed(Duration confirmAfter) {
        this.confirmAfter = confirmAfter;
        this.since = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(confirmAfter.multipliedBy(4).plus(Duration.ofMinutes(5))).build();
    }

    /** LiveKit listed nobody at {@code at}: true once it has said so since at least the confirmation time before. */
    boolean confirmed(UUID sessionId, Instant at) {
        Instant first = since.get(sessionId, id -> at);
        boolean confirmed = !at.isBefore(first.plus(confirmAfter));
        if (confirmed) {
            since.invalidate(sessionId);
        }
        return confirmed;
    }

    /** LiveKit listed someone: any earlier "nobody" was a moment's. */
    void someoneListed(UUID sessionId) {
        since.invalidate(sessionId);
    }

    Duration confirmAfter() {
        return confirmAfter;
    }
}
