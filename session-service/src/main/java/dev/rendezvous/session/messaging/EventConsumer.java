package dev.rendezvous.session.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.session.fold.PresenceEvent;
import dev.rendezvous.session.rest.SessionIds;
import dev.rendezvous.session.service.SessionUpdater;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.JDBCException;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * Consumes {@code participant-events} and {@code token-events} at least once: each record is folded
 * in one transaction with its event-id record, and its offset is committed only after that commits.
 * A database outage is retried without end (the partition waits, nothing is skipped); a record that
 * cannot be read, or whose data the database refuses, is nacked to the channel's dead-letter topic.
 */
@ApplicationScoped
public class EventConsumer {

    private final SessionUpdater updater;
    private final SignalRelay relay;
    private final ObjectMapper json;

    public EventConsumer(SessionUpdater updater, SignalRelay relay, ObjectMapper json) {
        this.updater = updater;
        this.relay = relay;
        this.json = json;
    }

    @Incoming("participant-events")
    public Uni<Void> onParticipantEvent(String payload) {
        ParticipantEvent event = read(payload, ParticipantEvent.class);
        PresenceEvent presence = event.toPresenceEvent();
        if (presence == null || event.eventId() == null) {
            Log.warnf("Skipping participant event of unknown type %s (id %s)", event.type(), event.eventId());
            return Uni.createFrom().voidItem();
        }
        return applyWithRetry(SessionIds.sessionIdOrNull(event.sessionId()), presence, event.type(), payload);
    }

    @Incoming("token-events")
    public Uni<Void> onTokenEvent(String payload) {
        TokenEvent event = read(payload, TokenEvent.class);
        if (event.eventId() == null) {
            throw new IllegalArgumentException("token event without eventId");
        }
        PresenceEvent presence = new PresenceEvent(event.eventId(), PresenceEvent.Kind.TOKEN_ISSUED, event.room(),
                null, event.identity(), null, event.userId(), null, event.issuedAt());
        return applyWithRetry(SessionIds.sessionIdOrNull(event.sessionId()), presence, event.type(), payload);
    }

    private Uni<Void> applyWithRetry(UUID sessionId, PresenceEvent event, String type, String payload) {
        return updater.apply(sessionId, event, type, payload)
                .onFailure(EventConsumer::isTransient).invoke(e -> Log.warnf("Folding %s %s failed, retrying: %s",
                        type, event.eventId(), e.getMessage()))
                .onFailure(EventConsumer::isTransient).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely()
                .chain(result -> result.outcome() == SessionUpdater.Outcome.CHANGED
                        ? relay.publishPending() : Uni.createFrom().voidItem());
    }

    /**
     * Worth retrying: the database is away, or a concurrent transaction won a race. Not worth it: the
     * database refuses this record's data (SQLSTATE class 22, or an integrity rule other than a
     * duplicate key); retrying would stall the partition forever, so it goes to the dead-letter topic.
     */
    static boolean isTransient(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            String state = e instanceof PgException pg ? pg.getSqlState()
                    : e instanceof JDBCException jdbc ? jdbc.getSQLState()
                    : e instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null) {
                boolean refusedData = state.startsWith("22") || (state.startsWith("23") && !state.equals("23505"));
                return !refusedData;
            }
        }
        return true;
    }

    private <T> T read(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (Exception e) {
            Log.errorf("Unreadable %s record sent to the dead-letter topic: %s", type.getSimpleName(), e.getMessage());
            throw new IllegalArgumentException("unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
