package dev.rendezvous.token.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** LiveKit settings; URL, key and secret are required at start (see {@link LiveKitSettingsCheck}). */
@ConfigMapping(prefix = "livekit")
public interface LiveKitConfig {

    /** LIVEKIT_URL: the LiveKit server, ws(s):// or http(s)://. */
    Optional<String> url();

    /** LIVEKIT_PUBLIC_URL: the address browsers connect to, when it differs from LIVEKIT_URL. */
    Optional<String> publicUrl();

    /** LIVEKIT_API_KEY. */
    Optional<String> apiKey();

    /** LIVEKIT_API_SECRET. */
    Optional<String> apiSecret();

    /** LIVEKIT_TOKEN_TTL: how long a minted token can be used to join (LiveKit refreshes it once connected). */
    @WithDefault("PT10M")
    Duration tokenTtl();

    /** LIVEKIT_TIMEOUT: the most a call to LiveKit's RoomService (opening a room) may take. */
    @WithDefault("PT5S")
    Duration timeout();

    /**
     * LIVEKIT_ROOM_REMEMBERED: how long this replica takes a room it opened as open, and mints for it
     * without asking LiveKit again; zero asks on every mint. Keep it under LiveKit's room
     * {@code departure_timeout} (10 s as deploy/local ships it, 20 s LiveKit's default): a room opened,
     * joined and left closes no sooner than that after the mint, and a mint after must open it again.
     */
    @WithDefault("PT5S")
    Duration roomRemembered();

    /** The server's HTTP address for its Twirp API (RoomService): ws becomes http, wss https. */
    default String httpUrl() {
        return url().orElseThrow().replaceFirst("^ws", "http");
    }

    /** What browsers are told to connect to. */
    default String browserUrl() {
        return publicUrl().filter(u -> !u.isBlank()).orElseGet(() -> url().orElseThrow());
    }
}
