package dev.rendezvous.token.client;

import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.kernel.Refusal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Fetches a session's roster from session-service, bounded in time; answers what the caller may
 * know (403/404 as session-service says) and 503 when session-service is down or too slow.
 */
@ApplicationScoped
public class RosterLookup {

    private final SessionServiceClient client;
    private final MeterRegistry registry;

    public RosterLookup(@RestClient SessionServiceClient client, MeterRegistry registry) {
        this.client = client;
        this.registry = registry;
    }

    public Uni<SessionSnapshot> roster(String sessionId, String bearerToken) {
        Timer.Sample sample = Timer.start(registry);
        return fetch(sessionId, "Bearer " + bearerToken)
                .onTermination().invoke(() -> sample.stop(Timer.builder("rendezvous.roster.lookup").description("roster read from session-service")
                        .publishPercentileHistogram().register(registry)))
                .onFailure().transform(RosterLookup::translate);
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS) // ROSTER_LOOKUP_TIMEOUT_MS overrides it (application.properties)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = WebApplicationException.class)
    Uni<SessionSnapshot> fetch(String sessionId, String authorization) {
        return client.session(sessionId, authorization)
                .onFailure(WebApplicationException.class).transform(RosterLookup::serverErrorsCount);
    }

    /** session-service's own 5xx is its failure, which the breaker must count; a 4xx is an answer about the caller. */
    private static Throwable serverErrorsCount(Throwable e) {
        int status = ((WebApplicationException) e).getResponse().getStatus();
        return status >= 500 ? new SessionServiceFailure(status) : e;
    }

    /** session-service answered with a server error. */
    static final class SessionServiceFailure extends RuntimeException {
        final int status;

        SessionServiceFailure(int status) {
            super("session-service answered HTTP " + status, null, false, false);
            this.status = status;
        }
    }

    private static Throwable translate(Throwable e) {
        if (e instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return switch (status) {
                case 401 -> Refusal.unauthorized("session-service did not accept the JWT");
                case 403 -> Refusal.notOnRoster("you are not on the roster of this session");
                case 404 -> Refusal.notFound("no such session");
                case 400 -> Refusal.invalid("bad-session-id", "session-service refused the session id");
                default -> rosterUnavailable("session-service answered HTTP " + status);
            };
        }
        if (e instanceof SessionServiceFailure failure) {
            return rosterUnavailable("session-service answered HTTP " + failure.status);
        }
        if (e instanceof TimeoutException) {
            return rosterUnavailable("session-service did not answer within ROSTER_LOOKUP_TIMEOUT_MS");
        }
        if (e instanceof CircuitBreakerOpenException) {
            return rosterUnavailable("session-service is failing; not calling it for a few seconds");
        }
        return rosterUnavailable("session-service cannot be reached: " + e.getMessage());
    }

    /** The roster cannot be read now; the caller may try again shortly. */
    private static Refusal rosterUnavailable(String message) {
        return Refusal.unavailable("roster-unavailable", message, Duration.ofSeconds(5));
    }
}
