package dev.rendezvous.token.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Stops the service at start when a LiveKit setting is missing, naming the variable to set. */
@ApplicationScoped
public class LiveKitSettingsCheck {

    void onStart(@Observes StartupEvent event, LiveKitConfig config) {
        List<String> missing = new ArrayList<>();
        require(config.url(), "LIVEKIT_URL", missing);
        require(config.apiKey(), "LIVEKIT_API_KEY", missing);
        require(config.apiSecret(), "LIVEKIT_API_SECRET", missing);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("LiveKit is not configured: set " + String.join(", ", missing)
                    + " (the LiveKit server URL, API key and API secret)");
        }
    }

    private static void require(Optional<String> value, String variable, List<String> missing) {
        if (value.filter(v -> !v.isBlank()).isEmpty()) {
            missing.add(variable);
        }
    }
}
