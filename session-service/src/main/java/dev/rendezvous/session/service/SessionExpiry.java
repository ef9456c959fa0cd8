package dev.rendezvous.session.service;

import dev.rendezvous.session.config.SessionConfig;
import dev.rendezvous.session.fold.PresenceEvent;
import dev.rendezvous.session.messaging.SignalRelay;
import dev.rendezvous.session.repository.SessionRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Ends, as "expired", the sessions that nobody joined before their no-show timeout. */
@ApplicationScoped
public class SessionExpiry {

    private final SessionRepository sessions;
    private final SessionUpdater updater;
    private final SignalRelay relay;
    private final SessionConfig config;

    public SessionExpiry(SessionRepository sessions, SessionUpdater updater, SignalRelay relay, SessionConfig config) {
        this.sessions = sessions;
        this.updater = updater;
        this.relay = relay;
        this.config = config;
    }

    @Scheduled(every = "${rendezvous.session.expiry-check-interval:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expireNoShows() {
        Instant now = Instant.now();
        return sessions.listNeverJoinedBefore(now.minus(config.noShowTimeout()), 100)
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> updater.apply(id,
                        PresenceEvent.expired("expire:" + id, now), "rendezvous.session.expired", "{}")
                        .invoke(r -> Log.infof("Session %s expired: nobody joined within %s", id, config.noShowTimeout())))
                .collect().asList()
                .chain(results -> results.isEmpty() ? Uni.createFrom().voidItem() : relay.publishPending());
    }
}
