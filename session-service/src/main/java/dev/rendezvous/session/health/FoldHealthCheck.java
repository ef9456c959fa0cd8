package dev.rendezvous.session.health;

import dev.rendezvous.session.config.SessionConfig;
import dev.rendezvous.session.messaging.FoldProgress;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Instant;

/**
 * DOWN while a partition's fold has been failing for longer than FOLD_STUCK_AFTER: the database away,
 * or a record being tried again before it is set aside. Names the partition, since when and why.
 */
@Readiness
@ApplicationScoped
public class FoldHealthCheck implements HealthCheck {

    private final FoldProgress progress;
    private final SessionConfig config;

    public FoldHealthCheck(FoldProgress progress, SessionConfig config) {
        this.progress = progress;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var stuck = progress.stuckSince(Instant.now().minus(config.foldStuckAfter()));
        HealthCheckResponseBuilder response = HealthCheckResponse.named("fold").status(stuck.isEmpty());
        stuck.forEach((partition, s) -> response.withData(partition, "stuck since " + s.since() + ": " + s.reason()));
        return response.build();
    }
}
