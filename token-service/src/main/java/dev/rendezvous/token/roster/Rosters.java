package dev.rendezvous.token.roster;

import dev.rendezvous.token.client.RosterLookup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A session's roster: from the local directory when it knows the session and is fresh (no network
 * call), otherwise from session-service, which also answers who may read it (403, 404). Callers ask
 * {@link #local} first and {@link #remote} when it has no answer.
 */
@ApplicationScoped
public class Rosters {

    private final RosterDirectory directory;
    private final RosterLookup lookup;
    private final Counter local;
    private final Counter remote;

    public Rosters(RosterDirectory directory, RosterLookup lookup, MeterRegistry registry) {
        this.directory = directory;
        this.lookup = lookup;
        this.local = registry.counter("rendezvous.roster.reads", "source", "local");
        this.remote = registry.counter("rendezvous.roster.reads", "source", "session-service");
        registry.gauge("rendezvous.roster.local.sessions", directory, RosterDirectory::size);
        registry.gauge("rendezvous.roster.local.stale.seconds", directory, RosterDirectory::staleSeconds);
    }

    /** The session's roster from the local directory, or null when it does not know it or is stale. */
    public RosterView local(String sessionId) {
        RosterView known = directory.known(sessionId).orElse(null);
        if (known != null) {
            local.increment();
        }
        return known;
    }

    /** The session's roster from session-service, asked with the caller's own JWT (it answers 403, 404). */
    public Uni<RosterView> remote(String sessionId, String bearerToken) {
        remote.increment();
        return lookup.roster(sessionId, bearerToken).map(RosterView::of);
    }
}
