package dev.rendezvous.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every service needs LiveKit's URL, API key and secret: without them it stops at start, naming what to set. */
public final class LiveKitSettings {

    private LiveKitSettings() {
    }

    /** @throws IllegalStateException naming every missing variable */
    public static void require(Optional<String> url, Optional<String> apiKey, Optional<String> apiSecret) {
        List<String> missing = new ArrayList<>();
        check(url, "LIVEKIT_URL", missing);
        check(apiKey, "LIVEKIT_API_KEY", missing);
        check(apiSecret, "LIVEKIT_API_SECRET", missing);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("LiveKit is not configured: set " + String.join(", ", missing)
                    + " (the LiveKit server URL, API key and API secret)");
        }
    }

    private static void check(Optional<String> value, String variable, List<String> missing) {
        if (value == null || value.filter(v -> !v.isBlank()).isEmpty()) {
            missing.add(variable);
        }
    }
}
