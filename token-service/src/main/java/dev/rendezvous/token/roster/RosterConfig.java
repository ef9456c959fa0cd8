package dev.rendezvous.token.roster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How token-service keeps its local view of rosters, fed by session-signals. */
@ConfigMapping(prefix = "rendezvous.roster")
public interface RosterConfig {

    /** ROSTER_FOLLOW_SIGNALS: false asks session-service for every roster. */
    @WithDefault("true")
    boolean followSignals();

    /** SESSION_SIGNALS_TOPIC. */
    @WithDefault("session-signals")
    String signalsTopic();

    /**
     * ROSTER_LOOKBACK: how far before its start a replica reads session-signals; sessions whose last
     * signal is older are looked up over HTTP.
     */
    @WithDefault("PT6H")
    Duration lookback();

    /**
     * ROSTER_MAX_STALENESS: the local view answers only while it has read every signal published
     * up to this long ago; otherwise (broker away, a backlog) rosters come from session-service.
     */
    @WithDefault("PT2S")
    Duration maxStaleness();

    /** ROSTER_CAPACITY: open sessions kept locally; beyond it, new sessions are looked up over HTTP. */
    @WithDefault("100000")
    int capacity();
}
