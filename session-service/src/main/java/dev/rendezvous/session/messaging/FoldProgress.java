package dev.rendezvous.session.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which partitions this replica's fold is stuck on right now: a batch failing and being tried again,
 * since when and why. Readiness reads it, so a partition that does not move shows in health.
 */
@ApplicationScoped
public class FoldProgress {

    /** A partition whose batch keeps failing: since its first failure, and the latest reason. */
    public record Stuck(String channel, int partition, Instant since, String reason) {
    }

    private final Map<String, Stuck> stuck = new ConcurrentHashMap<>();

    public void failing(String channel, int partition, Throwable failure) {
        stuck.compute(channel + "-" + partition, (key, was) -> new Stuck(channel, partition,
                was == null ? Instant.now() : was.since(), String.valueOf(failure.getMessage())));
    }

    public void moving(String channel, int partition) {
        stuck.remove(channel + "-" + partition);
    }

    /** The partitions whose batch has been failing since before {@code cutoff}. */
    public Map<String, Stuck> stuckSince(Instant cutoff) {
        Map<String, Stuck> found = new TreeMap<>();
        stuck.forEach((key, s) -> {
            if (s.since().isBefore(cutoff)) {
                found.put(key, s);
            }
        });
        return found;
    }
}
