package dev.rendezvous.session.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.session.rest.SessionView;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds this replica's SSE subscribers from {@code session-signals}. Every replica reads the topic in
 * a consumer group of its own, so a browser connected to any replica sees every change.
 */
@ApplicationScoped
public class SignalListener {

    private final SignalHub hub;
    private final ObjectMapper json;

    public SignalListener(SignalHub hub, ObjectMapper json) {
        this.hub = hub;
        this.json = json;
    }

    @Incoming("session-signals-live")
    public void onSignal(String payload) {
        try {
            hub.publish(json.readValue(payload, SessionView.class));
        } catch (Exception e) {
            Log.warnf("Ignoring an unreadable session signal: %s", e.getMessage());
        }
    }
}
