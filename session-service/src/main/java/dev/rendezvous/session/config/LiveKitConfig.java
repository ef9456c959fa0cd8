package dev.rendezvous.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How to reach the LiveKit server; each value is required at start (see {@link LiveKitSettingsCheck}). */
@ConfigMapping(prefix = "livekit")
public interface LiveKitConfig {

    /** LIVEKIT_URL: the LiveKit server, ws(s):// or http(s)://. */
    Optional<String> url();

    /** LIVEKIT_API_KEY. */
    Optional<String> apiKey();

    /** LIVEKIT_API_SECRET. */
    Optional<String> apiSecret();

    /** LIVEKIT_TIMEOUT: how long a question to LiveKit (a participant list) may take before it counts as unanswered. */
    @WithDefault("PT6S")
    Duration timeout();

    /** The server's HTTP address for its Twirp API (RoomService): ws becomes http, wss https. */
    default String httpUrl() {
        return url().orElseThrow().replaceFirst("^ws", "http");
    }
}
