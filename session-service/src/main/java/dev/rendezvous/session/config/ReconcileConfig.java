package dev.rendezvous.session.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** Reconciliation with LiveKit's participant list (webhooks are best effort). */
@ConfigMapping(prefix = "rendezvous.reconcile")
public interface ReconcileConfig {

    /** RECONCILE_INTERVAL: how often every open session is compared (a scheduler period, or "off"). */
    String interval();

    /** RECONCILE_GRACE: how old a join must be before it is corrected (a webhook may still be on its way). */
    Duration grace();

    /**
     * RECONCILE_LEASE: how long one replica holds the run (renewed per page); below the interval, so a
     * dead replica's lease has run out by the next run.
     */
    Duration lease();

    /** DEPARTURE_TIMEOUT: a room listing nobody, every sid gone this long, ends its session as room-gone. */
    Duration departureTimeout();
}
