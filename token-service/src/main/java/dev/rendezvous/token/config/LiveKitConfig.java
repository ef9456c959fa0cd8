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
     * LIVEKIT_ROOMS_LISTED_EVERY: how often this replica lists LiveKit's rooms to learn which are open
     * (mints for them skip CreateRoom) and to forget those LiveKit no longer has; zero never lists and
     * asks LiveKit on every mint. Closes are learnt at once from room_finished; this bounds what a
     * LiveKit restart (rooms lost, no events) leaves believed, and what is known three times this long
     * without a listing confirming it is not trusted.
     */
    @WithDefault("PT5S")
    Duration roomsListedEvery();

    /** The server's HTTP address for its Twirp API (RoomService): ws becomes http, wss https. */
    default String httpUrl() {
        return url().orElseThrow().replaceFirst("^ws", "http");
    }

    /** What browsers are told to connect to. */
    default String browserUrl() {
        return publicUrl().filter(u -> !u.isBlank()).orElseGet(() -> url().orElseThrow());
    }
}
