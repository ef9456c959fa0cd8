package dev.rendezvous.session.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** How long bookkeeping is kept; one replica at a time removes what is older. */
@ConfigMapping(prefix = "rendezvous.retention")
public interface RetentionConfig {

    /** RETENTION_INTERVAL: how often old rows are removed (a scheduler period, or "off"). */
    String interval();

    /** RETENTION_EVENT_IDS: consumed event ids; keep them longer than the topics' retention, so a replay is deduplicated. */
    Duration eventIds();

    /** RETENTION_SIGNALS: published signals (a resuming stream is replayed from them). */
    Duration signals();

    /** RETENTION_TIMELINES: ended sessions' timelines (diagnosis evidence). */
    Duration timelines();

    /** RETENTION_IDEMPOTENCY_KEYS: creation idempotency keys. */
    Duration idempotencyKeys();
}
