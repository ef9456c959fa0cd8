package dev.rendezvous.session.reconcile;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rendezvous.kernel.Sid;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * LiveKit saying "nobody" for a room the webhooks say has people in it: believed only once LiveKit has
 * kept saying it for a while. A LiveKit restarted, failing over or answering from an empty node lists
 * nothing for a moment, and taken at its word it would send everyone "Waiting for…" at once; people
 * really gone are still corrected, a little later.
 */
final class NobodyListed {

    private final Duration confirmAfter;
    /**
     * When LiveKit first listed nobody while a sid was active, per session and sid (a sid that joined since
     * is a new question); bounded, and forgotten once LiveKit lists someone.
     */
    private final Cache<String, Instant> since;

    NobodyListed(Duration confirmAfter) {
        this.confirmAfter = confirmAfter;
        this.since = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(confirmAfter.multipliedBy(4).plus(Duration.ofMinutes(5))).build();
    }

    /**
     * LiveKit listed nobody at {@code at} while these sids were active: true once it has said so since at
     * least the confirmation time before.
     */
    boolean confirmed(UUID sessionId, Collection<Sid> active, Instant at) {
        boolean confirmed = true;
        for (Sid sid : active) {
            Instant first = since.get(key(sessionId, sid), k -> at);
            confirmed &= !at.isBefore(first.plus(confirmAfter));
        }
        return confirmed;
    }

    /** LiveKit listed someone while these sids were active: any earlier "nobody" was a moment's. */
    void someoneListed(UUID sessionId, Collection<Sid> active) {
        active.forEach(sid -> since.invalidate(key(sessionId, sid)));
    }

    private static String key(UUID sessionId, Sid sid) {
        return sessionId + ":" + sid.value();
    }

    Duration confirmAfter() {
        return confirmAfter;
    }
}
