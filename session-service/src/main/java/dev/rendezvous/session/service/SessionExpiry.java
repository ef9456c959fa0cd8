package dev.rendezvous.session.service;

import dev.rendezvous.session.SessionMdc;
import dev.rendezvous.session.config.SessionConfig;
import dev.rendezvous.session.fold.PresenceEvent;
import dev.rendezvous.session.repository.SessionRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Ends, as "expired", the sessions that nobody joined before their no-show timeout. */
@ApplicationScoped
public class SessionExpiry {

    private final SessionRepository sessions;
    private final SessionWriter writer;
    private final SessionConfig config;

    public SessionExpiry(SessionRepository sessions, SessionWriter writer, SessionConfig config) {
        this.sessions = sessions;
        this.writer = writer;
        this.config = config;
    }

    @Scheduled(every = "${rendezvous.session.expiry-check-interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expireNoShows() {
        Instant now = Instant.now();
        Uni<Void> run = sessions.listNeverJoinedBefore(now.minus(config.noShowTimeout()), 100)
                .map(ids -> ids.stream().map(id -> new SessionEvent(id, PresenceEvent.expired("expire:" + id, now))).toList())
                .chain(expiries -> expiries.isEmpty() ? Uni.createFrom().item(List.<SessionWriter.Result>of()) : writer.apply(expiries))
                .invoke(results -> results.stream().filter(r -> r.outcome() == SessionWriter.Outcome.CHANGED).forEach(r -> {
                    try (var mdc = SessionMdc.of(r.view().sessionId(), r.eventId())) {
                        Log.infof("Session %s expired: nobody joined within %s", r.view().sessionId(), config.noShowTimeout());
                    }
                }))
                .replaceWithVoid();
        return ScheduledRuns.retriedNextRun("Expiring no-shows", run);
    }
}
