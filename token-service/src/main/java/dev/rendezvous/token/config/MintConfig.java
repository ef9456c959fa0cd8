package dev.rendezvous.token.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many tokens one user may mint for one session: a burst, then a steady rate. */
@ConfigMapping(prefix = "rendezvous.mint")
public interface MintConfig {

    /** TOKEN_MINT_BURST: mints a user may make for one session at once (page loads, reconnects, a second tab). */
    @WithDefault("10")
    int burst();

    /** TOKEN_MINT_PER_MINUTE: mints a user regains per minute for that session once the burst is spent. */
    @WithDefault("6")
    int perMinute();

    /** TOKEN_MINT_TRACKED: user-session pairs remembered at once; the least recently seen make room. */
    @WithDefault("100000")
    int tracked();
}
