package dev.rendezvous.session.telemetry;

import org.jboss.logging.MDC;

/**
 * Puts a session's id (and the event's, when there is one) into the MDC for the log lines written
 * inside it, so a JSON log pipeline (LOG_JSON=true) can select every line about one session:
 * {@code try (var mdc = SessionMdc.of(sessionId, eventId)) { Log.infof(…); }}.
 */
public final class SessionMdc implements AutoCloseable {

    public static final String SESSION_ID = "sessionId";
    public static final String EVENT_ID = "eventId";

    private SessionMdc() {
    }

    public static SessionMdc of(Object sessionId, String eventId) {
        MDC.put(SESSION_ID, String.valueOf(sessionId));
        if (eventId != null) {
            MDC.put(EVENT_ID, eventId);
        }
        return new SessionMdc();
    }

    public static SessionMdc of(Object sessionId) {
        return of(sessionId, null);
    }

    @Override
    public void close() {
        MDC.remove(SESSION_ID);
        MDC.remove(EVENT_ID);
    }
}
