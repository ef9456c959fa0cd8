package dev.rendezvous.session.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** Reconciliation with LiveKit (webhooks are best effort). */
@ConfigMapping(prefix = "rendezvous.reconcile")
public interface ReconcileConfig {

    /** RECONCILE_INTERVAL: how often each replica compares LiveKit's rooms with its sessions (a scheduler period, or "off"). */
    String interval();

    /** RECONCILE_GRACE: how old a join must be before it is corrected (a webhook may still be on its way). */
    Duration grace();

    /**
     * RECONCILE_CONFIRM_NOBODY_AFTER: how long LiveKit must keep listing nobody in a room where the webhooks
     * say people are (no such room, an empty list) before those people are taken for gone.
     */
    Duration confirmNobodyAfter();
}
