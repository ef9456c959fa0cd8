package dev.rendezvous.presence.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** LiveKit settings; URL, key and secret are required at start (see {@link LiveKitSettingsCheck}). */
@ConfigMapping(prefix = "livekit")
public interface LiveKitConfig {

    /** LIVEKIT_URL: the LiveKit server (not called by this service, but part of one consistent configuration). */
    Optional<String> url();

    /** LIVEKIT_API_KEY: the issuer of webhook signatures. */
    Optional<String> apiKey();

    /** LIVEKIT_API_SECRET: the HMAC key of webhook signatures. */
    Optional<String> apiSecret();

    /** LIVEKIT_WEBHOOK_LEEWAY: clock skew allowed on a webhook's exp/nbf/iat (LiveKit's own verifier allows a minute). */
    @WithDefault("PT60S")
    Duration webhookLeeway();
}
