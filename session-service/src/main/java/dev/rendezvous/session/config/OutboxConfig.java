package dev.rendezvous.session.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** The outbox relay: how long it gathers signals, and its sweep, the safety net for signals a crash left unpublished. */
@ConfigMapping(prefix = "rendezvous.outbox")
public interface OutboxConfig {

    /** OUTBOX_POLL_INTERVAL: how often the outbox is swept (a scheduler period). */
    String pollInterval();

    /** OUTBOX_SWEEP_AGE: how old a pending signal must be before any replica takes it over. */
    Duration sweepAge();

    /** OUTBOX_RELAY_LINGER: how long the relay gathers committed signals before a round; zero: none. */
    Duration relayLinger();
}
