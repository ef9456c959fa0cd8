package dev.rendezvous.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "rendezvous.session")
public interface SessionConfig {

    /** SESSION_NO_SHOW_TIMEOUT: a session nobody joined within this time after creation ends as "expired". */
    @WithDefault("PT2H")
    Duration noShowTimeout();

    /** SSE_HEARTBEAT_INTERVAL: how often an idle event stream sends a comment so proxies keep it open. */
    @WithDefault("PT15S")
    Duration heartbeatInterval();

    /** SSE_BUFFER_SIZE: signals buffered for a slow SSE client before its stream is closed (it resumes with Last-Event-ID). */
    @WithDefault("64")
    int streamBufferSize();
}
