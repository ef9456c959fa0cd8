package dev.rendezvous.session.config;

import dev.rendezvous.kernel.LiveKitSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Stops the service at start when a LiveKit setting is missing, naming the variable to set (the rule: {@link LiveKitSettings}). */
@ApplicationScoped
public class LiveKitSettingsCheck {

    void onStart(@Observes StartupEvent event, LiveKitConfig config) {
        LiveKitSettings.require(config.url(), config.apiKey(), config.apiSecret());
    }
}
